<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="178" />
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="178" />
        <source>Start a new, blank project</source>
        <translation>新建一个空白项目</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="180" />
        <source>New from &amp;Template…</source>
        <translation>从模板新建(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="181" />
        <source>Start a new project from a template</source>
        <translation>从模板新建项目</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="183" />
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="184" />
        <source>Open a project file (.ecodesk) or import interchange JSON</source>
        <translation>打开项目文件（.ecodesk）或导入交换格式 JSON</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="187" />
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="188" />
        <source>Save the project (only what changed is written)</source>
        <translation>保存项目（只写入改动的部分）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="190" />
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="191" />
        <source>Save the project under a new name</source>
        <translation>以新名称保存项目</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="217" />
        <source>&amp;Merge Projects…</source>
        <translation>合并项目(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="218" />
        <source>Merge the projects of other groups into this one: conflicts listed with a choice each, one undo step</source>
        <translation>把其他小组的项目合并到本项目：逐条列出冲突并可选择取舍，一步即可撤销</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="220" />
        <source>Compare &amp;with File…</source>
        <translation>与文件比较(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="221" />
        <source>Show on the canvas what the shown scenario adds, removes and changes compared with the same scenario in a file</source>
        <translation>在画布上显示当前情景相对于文件中同名情景的新增、删除和修改</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="223" />
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="224" />
        <source>Close the project (asks to save changes)</source>
        <translation>关闭项目（未保存的修改会提示保存）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="226" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="226" />
        <source>Quit ecodesk (asks to save changes)</source>
        <translation>退出 ecodesk（未保存的修改会提示保存）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="228" />
        <source>Clear Recent Files</source>
        <translation>清空最近文件</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="229" />
        <source>Empty the list of recent files</source>
        <translation>清空最近打开的文件列表</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="231" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="231" />
        <source>Undo the last edit</source>
        <translation>撤销上一步编辑</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="233" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="233" />
        <source>Redo the edit just undone</source>
        <translation>重做刚撤销的编辑</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="235" />
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="235" />
        <source>Cut the selected entities to the clipboard</source>
        <translation>将选中的主体剪切到剪贴板</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="237" />
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="238" />
        <source>Copy the selected entities (with the flows between them)</source>
        <translation>复制选中的主体（连同它们之间的资源流）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="240" />
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="240" />
        <source>Paste entities with new ids</source>
        <translation>粘贴主体（分配新的 id）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="242" />
        <source>D&amp;uplicate</source>
        <translation>创建副本(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="242" />
        <source>Duplicate the selected entities</source>
        <translation>为选中的主体创建副本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="244" />
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="245" />
        <source>Delete the selection and everything attached to it</source>
        <translation>删除所选对象及其关联的一切</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="247" />
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="248" />
        <source>Select every entity and flow of the scenario</source>
        <translation>选中情景中的全部主体和资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="250" />
        <source>Re&amp;name</source>
        <translation>重命名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="250" />
        <source>Rename the selected entity on the canvas</source>
        <translation>在画布上重命名选中的主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="252" />
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="252" />
        <source>Find objects by name or id and jump to them</source>
        <translation>按名称或 id 查找对象并定位</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="270" />
        <source>Pre&amp;ferences…</source>
        <translation>首选项(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="271" />
        <source>Language, theme, grid and autosave</source>
        <translation>语言、主题、网格和自动保存</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="147" />
        <source>Align &amp;Left</source>
        <translation>左对齐(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="148" />
        <source>Align the selected entities on their left edges</source>
        <translation>按左边缘对齐选中的主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="149" />
        <source>Align Centres &amp;Horizontally</source>
        <translation>水平居中对齐(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="150" />
        <source>Align the selected entities on a vertical line</source>
        <translation>将选中的主体对齐到一条竖线上</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="151" />
        <source>Align &amp;Right</source>
        <translation>右对齐(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="152" />
        <source>Align the selected entities on their right edges</source>
        <translation>按右边缘对齐选中的主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="153" />
        <source>Align &amp;Top</source>
        <translation>顶端对齐(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="154" />
        <source>Align the selected entities on their top edges</source>
        <translation>按上边缘对齐选中的主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="155" />
        <source>Align Centres &amp;Vertically</source>
        <translation>垂直居中对齐(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="156" />
        <source>Align the selected entities on a horizontal line</source>
        <translation>将选中的主体对齐到一条横线上</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="157" />
        <source>Align &amp;Bottom</source>
        <translation>底端对齐(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="158" />
        <source>Align the selected entities on their bottom edges</source>
        <translation>按下边缘对齐选中的主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="257" />
        <source>Distribute Hori&amp;zontally</source>
        <translation>水平均匀分布(&amp;Z)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="258" />
        <source>Space the selected entities evenly from left to right</source>
        <translation>让选中的主体从左到右等距分布</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="260" />
        <source>Distribute V&amp;ertically</source>
        <translation>垂直均匀分布(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="261" />
        <source>Space the selected entities evenly from top to bottom</source>
        <translation>让选中的主体从上到下等距分布</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="263" />
        <source>&amp;Layered Layout</source>
        <translation>分层布局(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="264" />
        <source>Arrange by supply tier: origins → platforms → channels → users (one undo step)</source>
        <translation>按供给层级排列：源头 → 平台 → 渠道 → 用户（一步即可撤销）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="267" />
        <source>&amp;Force Layout</source>
        <translation>力导向布局(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="268" />
        <source>Arrange entities by a force-directed layout (one undo step)</source>
        <translation>用力导向算法排列主体（一步即可撤销）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="274" />
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="274" />
        <source>Zoom in on the canvas</source>
        <translation>放大画布</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="276" />
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="276" />
        <source>Zoom out of the canvas</source>
        <translation>缩小画布</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="278" />
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="278" />
        <source>Zoom to 100 %</source>
        <translation>缩放到 100%</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="280" />
        <source>&amp;Fit All</source>
        <translation>适应全部(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="280" />
        <source>Zoom to show the whole ecosystem</source>
        <translation>缩放以显示整个生态</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="282" />
        <source>Zoom to &amp;Selection</source>
        <translation>缩放到所选(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="283" />
        <source>Zoom to the selected entities</source>
        <translation>缩放到选中的主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="285" />
        <source>Focus on Se&amp;lection</source>
        <translation>聚焦所选(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="286" />
        <source>Show only the selected entities and their neighbours, the rest dimmed (Esc leaves)</source>
        <translation>只显示所选主体及其相邻主体，其余变淡（按 Esc 退出）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="288" />
        <source>&amp;Minimap</source>
        <translation>小地图(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="289" />
        <source>Show an overview of the whole diagram in a corner when it is large or does not fit</source>
        <translation>图较大或放不下时，在角落显示整张图的缩略图</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="291" />
        <source>Show &amp;Grid</source>
        <translation>显示网格(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="291" />
        <source>Show the grid on the canvas</source>
        <translation>在画布上显示网格</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="293" />
        <source>S&amp;nap to Grid</source>
        <translation>对齐到网格(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="294" />
        <source>Snap entities to the grid when moving them</source>
        <translation>移动主体时吸附到网格</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="305" />
        <source>F&amp;ull Screen</source>
        <translation>全屏(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="306" />
        <source>Show the window full screen (for the projector)</source>
        <translation>全屏显示窗口（适合投影）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="299" />
        <source>Next &amp;Pane</source>
        <translation>下一个窗格(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="300" />
        <source>Move the keyboard focus to the next pane</source>
        <translation>将键盘焦点移到下一个窗格</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="302" />
        <source>Previous Pa&amp;ne</source>
        <translation>上一个窗格(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="303" />
        <source>Move the keyboard focus to the previous pane</source>
        <translation>将键盘焦点移到上一个窗格</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="312" />
        <source>&amp;Select</source>
        <translation>选择(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="313" />
        <source>Select and move entities (Esc returns here)</source>
        <translation>选择并移动主体（按 Esc 回到此工具）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="315" />
        <source>&amp;Entity Tool</source>
        <translation>主体工具(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="315" />
        <source>Click on the canvas to place an entity</source>
        <translation>在画布上单击以放置主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="317" />
        <source>F&amp;low Tool</source>
        <translation>资源流工具(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="318" />
        <source>Drag from one entity to another to draw a flow</source>
        <translation>从一个主体拖到另一个主体以绘制资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="162" />
        <source>New &amp;Entity</source>
        <translation>新建主体(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="163" />
        <source>Add an entity at a free spot and edit it in the inspector</source>
        <translation>在空白处添加一个主体，并在检查器中编辑</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="164" />
        <source>New &amp;Flow</source>
        <translation>新建资源流(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="165" />
        <source>Add a flow between the two selected entities (or the first two)</source>
        <translation>在选中的两个主体（或前两个主体）之间添加资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="166" />
        <source>New Eco&amp;system</source>
        <translation>新建生态(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="167" />
        <source>Add an ecosystem (a named group of entities)</source>
        <translation>添加一个生态（一组有名称的主体）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="168" />
        <source>New &amp;Capability</source>
        <translation>新建能力(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="169" />
        <source>Add a capability owned by the selected entity</source>
        <translation>为选中的主体添加一项能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="170" />
        <source>New Nee&amp;d</source>
        <translation>新建需求(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="171" />
        <source>Add a need of the selected entity</source>
        <translation>为选中的主体添加一项需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="172" />
        <source>New &amp;Pool</source>
        <translation>新建共享安排(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="173" />
        <source>Add a sharing arrangement of the selected entities</source>
        <translation>为选中的主体添加一个共享安排</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="308" />
        <source>&amp;Present</source>
        <translation>演示(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="309" />
        <source>Show the saved views one after another, full screen, for the projector (Esc leaves)</source>
        <translation>全屏逐个放映已保存的视图，用于投影（按 Esc 退出）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="324" />
        <source>New &amp;Note</source>
        <translation>新建便签(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="325" />
        <source>Write a workshop note (便签) on the canvas, at a free spot in view (Ctrl+double-click: where you click)</source>
        <translation>在画布上写一张研讨便签，放在视野内的空白处（Ctrl+双击：放在点击处）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="329" />
        <source>&amp;Run Analysis</source>
        <translation>运行分析(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="330" />
        <source>Analyse the shown scenario: reuse, cost sharing, resilience, indicators</source>
        <translation>分析当前情景：能力复用、成本分摊、网络韧性和生态指标</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="351" />
        <source>&amp;Optimise Design…</source>
        <translation>优化生态设计(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="352" />
        <source>Find the least-cost design: which capabilities to keep, who serves whom, and what it saves</source>
        <translation>找出成本最低的设计：保留哪些能力、由谁服务谁、能节省多少</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="362" />
        <source>&amp;New Scenario…</source>
        <translation>新建情景(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="362" />
        <source>Add a blank scenario</source>
        <translation>添加一个空白情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="367" />
        <source>&amp;Duplicate Scenario</source>
        <translation>复制情景(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="368" />
        <source>Add a copy of the shown scenario</source>
        <translation>添加当前情景的副本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="370" />
        <source>&amp;Rename Scenario…</source>
        <translation>重命名情景(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="370" />
        <source>Rename the shown scenario</source>
        <translation>重命名当前情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="372" />
        <source>De&amp;lete Scenario</source>
        <translation>删除情景(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="373" />
        <source>Delete the shown scenario (undoable)</source>
        <translation>删除当前情景（可撤销）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="356" />
        <source>Ne&amp;xt Scenario</source>
        <translation>下一个情景(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="356" />
        <source>Show the next scenario</source>
        <translation>显示下一个情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="359" />
        <source>Pre&amp;vious Scenario</source>
        <translation>上一个情景(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="359" />
        <source>Show the previous scenario</source>
        <translation>显示上一个情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="375" />
        <source>Show C&amp;hanges from Scenario…</source>
        <translation>显示相对情景的变化(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="376" />
        <source>Show on the canvas what the shown scenario adds, removes and changes compared with another scenario</source>
        <translation>在画布上显示当前情景相对于另一情景的新增、删除和修改</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="383" />
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="383" />
        <source>List every keyboard shortcut</source>
        <translation>列出全部键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="385" />
        <source>Show &amp;Log Folder</source>
        <translation>显示日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="386" />
        <source>Open the folder with ecodesk's log and crash reports, to send with a bug report</source>
        <translation>打开存放 ecodesk 日志和崩溃报告的文件夹，便于随问题报告一并发送</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="388" />
        <source>&amp;About ecodesk</source>
        <translation>关于 ecodesk(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="388" />
        <source>Version and licence</source>
        <translation>版本与许可</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="390" />
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="390" />
        <source>The Qt toolkit ecodesk is built with</source>
        <translation>ecodesk 所用的 Qt 工具包</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="405" />
        <source>Click on the canvas to place: {0}</source>
        <translation>在画布上单击以放置：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="407" />
        <source>Drag between two entities to draw a flow: {0}</source>
        <translation>在两个主体之间拖动以绘制资源流：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="409" />
        <source>Show or hide flows of kind: {0}</source>
        <translation>显示或隐藏此类资源流：{0}</translation>
    </message>
</context>
<context>
    <name>AnalysisMenus</name>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="426" />
        <source>Select one entity to ask what happens if it leaves</source>
        <translation>请选择一个主体，查看它退出后的影响</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="79" />
        <source>{0} – variant</source>
        <translation>{0} – 变体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="76" />
        <source>New Scenario from Current</source>
        <translation>从当前情景新建</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="77" />
        <source>Name of the new scenario (a copy of “{0}”):</source>
        <translation>新情景的名称（复制自“{0}”）：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/docks.py" line="223" />
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="332" />
        <source>&amp;Cancel Analysis</source>
        <translation>取消分析(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="333" />
        <source>Stop the running analysis</source>
        <translation>停止正在进行的分析</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="335" />
        <source>Recompute &amp;Automatically</source>
        <translation>自动重新计算(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="336" />
        <source>Recompute the analysis shortly after every edit</source>
        <translation>每次编辑后稍候自动重新分析</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="341" />
        <source>&amp;Mark Weak Points</source>
        <translation>标记薄弱环节(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="342" />
        <source>Ring single points of failure, capabilities built twice and unmet needs on the canvas</source>
        <translation>在画布上用圆环标出单点故障、重复建设的能力和未满足的需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="346" />
        <source>&amp;What If the Selected Entity Leaves?…</source>
        <translation>假如所选主体退出？(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="347" />
        <source>Service, cascade and cost sharing without the selected entity (the model is not changed)</source>
        <translation>没有所选主体时的服务水平、级联失效和成本分摊（不修改模型）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="379" />
        <source>Co&amp;mpare Scenarios</source>
        <translation>比较情景(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="380" />
        <source>Two scenarios side by side in the analysis panel</source>
        <translation>在分析面板中并排比较两个情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="364" />
        <source>New Scenario from &amp;Current…</source>
        <translation>从当前情景新建(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="365" />
        <source>Add a copy of the shown scenario under a new name</source>
        <translation>以新名称添加当前情景的副本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="339" />
        <source>&amp;Colour Canvas</source>
        <translation>画布着色(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/docks.py" line="224" />
        <source>Analysis &amp;Panel</source>
        <translation>分析面板(&amp;P)</translation>
    </message>
</context>
<context>
    <name>AnalysisPanel</name>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="79" />
        <source>Analysis cancelled</source>
        <extracomment>Tab → (module, class) of its page, imported when first shown. A status-bar message for the window (argument: text). Running / stale / progress changed (the status bar and menus follow it). The canvas colour mode changed (argument: the mode). Marks on the canvas were switched on or off. Texts were set again (after a language change).</extracomment>
        <translation>分析已取消</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="289" />
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="297" />
        <source>Analysis failed: {0}</source>
        <translation>分析失败：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="295" />
        <source>Analysing “{0}”… {1} % ({2})</source>
        <translation>正在分析“{0}”… {1} %（{2}）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="299" />
        <source>Too large to analyse automatically — press Run</source>
        <translation>规模过大，未自动分析——请点击“运行”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="301" />
        <source>Not analysed yet — press Run</source>
        <translation>尚未分析——请点击“运行”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="301" />
        <source>Waiting to analyse…</source>
        <translation>等待分析…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="303" />
        <source>Out of date — recomputing shortly…</source>
        <translation>结果已过期——即将重新计算…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="304" />
        <source>Out of date — press Run to recompute</source>
        <translation>结果已过期——点击“运行”重新计算</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="307" />
        <source>Up to date · “{0}”</source>
        <translation>已是最新 · “{0}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="308" />
        <source> · computed in {0} s</source>
        <translation> · 用时 {0} 秒</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="328" />
        <source>capability reuse</source>
        <translation>能力复用</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="328" />
        <source>cost sharing</source>
        <translation>成本分摊</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="328" />
        <source>indicators</source>
        <translation>生态指标</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="329" />
        <source>supply graph</source>
        <translation>供给网络</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="329" />
        <source>critical entities</source>
        <translation>关键主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="330" />
        <source>robustness</source>
        <translation>鲁棒性</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="330" />
        <source>redundancy</source>
        <translation>冗余度</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="330" />
        <source>Monte Carlo</source>
        <translation>蒙特卡洛</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="331" />
        <source>cascades</source>
        <translation>级联失效</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="331" />
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="331" />
        <source>starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="386" />
        <source>Stable: no group of partners would rather leave.</source>
        <translation>稳定：没有任何伙伴组合愿意退出。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="388" />
        <source>Not stable: some group of partners would pay less on its own.</source>
        <translation>不稳定：有伙伴组合单干会付得更少。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="394" />
        <source>Not stable: {0} would pay {1} less on its own.</source>
        <translation>不稳定：{0} 单干可少付 {1}。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="395" />
        <source>Not stable: {0} would pay {1} less on their own.</source>
        <translation>不稳定：{0} 单干可少付 {1}。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="421" />
        <source>Sensitivity</source>
        <translation>敏感性</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/header.py" line="84" />
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/header.py" line="85" />
        <source>Analyse the shown scenario now</source>
        <translation>立即分析当前情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/header.py" line="86" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/header.py" line="87" />
        <source>Stop the running analysis</source>
        <translation>停止正在进行的分析</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/header.py" line="88" />
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/header.py" line="89" />
        <source>Recompute shortly after every edit</source>
        <translation>每次编辑后稍候自动重新计算</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/header.py" line="90" />
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/header.py" line="92" />
        <source>Seed, trials, orders, thresholds and supply flows (saved with the project)</source>
        <translation>随机种子、试验次数、移除顺序数、阈值和供给流类型（随项目保存）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/header.py" line="96" />
        <source>Canvas colours:</source>
        <translation>画布着色：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/header.py" line="102" />
        <source>Mark weak points</source>
        <translation>标记薄弱环节</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/header.py" line="104" />
        <source>Rings on the canvas: single points of failure (red), capabilities built twice (orange), unmet needs (violet)</source>
        <translation>画布上的圆环：单点故障（红）、重复建设的能力（橙）、未满足的需求（紫）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/header.py" line="110" />
        <source>Show flows:</source>
        <translation>显示资源流：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/header.py" line="114" />
        <source>Show or hide flows of kind: {0}</source>
        <translation>显示或隐藏此类资源流：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="419" />
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="419" />
        <source>Capability reuse</source>
        <translation>能力复用</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="420" />
        <source>Cost sharing</source>
        <translation>成本分摊</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="420" />
        <source>Resilience</source>
        <translation>网络韧性</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/analysis_panel.py" line="421" />
        <source>Compare</source>
        <translation>情景比较</translation>
    </message>
</context>
<context>
    <name>AnalysisStatusWidget</name>
    <message>
        <location filename="../../ecodesk/ui/panels/wiring.py" line="54" />
        <source>Analysing {0} %</source>
        <translation>正在分析 {0} %</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/wiring.py" line="55" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/wiring.py" line="56" />
        <source>Stop the running analysis</source>
        <translation>停止正在进行的分析</translation>
    </message>
</context>
<context>
    <name>AnnotationItem</name>
    <message>
        <location filename="../../ecodesk/ui/canvas/annotation_item.py" line="42" />
        <source>Yellow</source>
        <extracomment>Above the flow layer (-0.5) and flow items (0), below the entities (10). The soft yellow of a note without a colour of its own (""). The note colours offered in the context menu and the inspector: (colour, English name, translated in context ``AnnotationItem``).</extracomment>
        <translation>黄色</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/annotation_item.py" line="43" />
        <source>Orange</source>
        <translation>橙色</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/annotation_item.py" line="44" />
        <source>Pink</source>
        <translation>粉色</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/annotation_item.py" line="45" />
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/annotation_item.py" line="46" />
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/annotation_item.py" line="47" />
        <source>Purple</source>
        <translation>紫色</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/annotation_item.py" line="48" />
        <source>Grey</source>
        <translation>灰色</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/annotation_item.py" line="188" />
        <source>Empty note</source>
        <translation>空便签</translation>
    </message>
</context>
<context>
    <name>Autosave</name>
    <message>
        <location filename="../../ecodesk/ui/autosave.py" line="129" />
        <source>Recover unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/autosave.py" line="130" />
        <source>ecodesk did not close normally. Unsaved work of “{0}” was autosaved.</source>
        <translation>ecodesk 上次未正常关闭。“{0}”中未保存的工作已自动保存。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/autosave.py" line="133" />
        <source>Recover</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/autosave.py" line="134" />
        <source>Compare…</source>
        <translation>比较…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/autosave.py" line="135" />
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/autosave.py" line="136" />
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/autosave.py" line="157" />
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/autosave.py" line="160" />
        <source>Compare with the saved file</source>
        <translation>与已保存的文件比较</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/autosave.py" line="171" />
        <source>Cannot recover</source>
        <translation>无法恢复</translation>
    </message>
</context>
<context>
    <name>Autosaver</name>
    <message>
        <location filename="../../ecodesk/ui/autosave.py" line="95" />
        <source>Autosave failed: {0}</source>
        <translation>自动保存失败：{0}</translation>
    </message>
</context>
<context>
    <name>Canvas</name>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="27" />
        <source>Flow kind</source>
        <translation>资源流类型</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="38" />
        <source>New capability</source>
        <translation>新能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="58" />
        <source>Top</source>
        <translation>顶端</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="59" />
        <source>Vertically</source>
        <translation>垂直</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="62" />
        <source>{source} → {target}</source>
        <translation>{source} → {target}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="39" />
        <source>No flow created</source>
        <translation>未创建资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="44" />
        <source>Nothing to copy: select entities first</source>
        <translation>没有可复制的内容：请先选择主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="57" />
        <source>The clipboard holds no ecodesk objects</source>
        <translation>剪贴板中没有 ecodesk 对象</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="53" />
        <source>Select one entity to rename</source>
        <translation>请选择一个主体进行重命名</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="55" />
        <source>Select two or more entities to align</source>
        <translation>请选择两个或更多主体进行对齐</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="54" />
        <source>Select three or more entities to distribute</source>
        <translation>请选择三个或更多主体进行分布</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="11" />
        <source>Bottom</source>
        <translation>底端</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="14" />
        <source>Centre</source>
        <translation>水平居中</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="21" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="22" />
        <source>Distribute</source>
        <translation>分布</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="31" />
        <source>Horizontally</source>
        <translation>水平</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="33" />
        <source>Left</source>
        <translation>左侧</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="35" />
        <source>Marks</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="36" />
        <source>Middle</source>
        <translation>垂直居中</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="45" />
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="50" />
        <source>Right</source>
        <translation>右侧</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="52" />
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="32" />
        <source>Layered layout</source>
        <translation>分层布局</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="29" />
        <source>Force layout</source>
        <translation>力导向布局</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="26" />
        <source>Fit all</source>
        <translation>适应全部</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="12" />
        <source>Capability of {name}</source>
        <translation>{name} 的能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="61" />
        <source>{name} offers no capability yet</source>
        <translation>{name} 尚未提供任何能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="48" />
        <source>Placed {name}</source>
        <translation>已放置 {name}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="9" />
        <source>Added {kind} flow {source} → {target}</source>
        <translation>已添加{kind}流 {source} → {target}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="18" />
        <source>Copied {n} entities</source>
        <translation>已复制 {n} 个主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="46" />
        <source>Pasted {n} entities</source>
        <translation>已粘贴 {n} 个主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="30" />
        <source>Found {n}</source>
        <translation>找到 {n} 个</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="10" />
        <source>Align</source>
        <translation>对齐</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="42" />
        <source>Nothing matches '{text}'</source>
        <translation>没有与“{text}”匹配的对象</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="24" />
        <source>Duplicate</source>
        <translation>创建副本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="20" />
        <source>Cut</source>
        <translation>剪切</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="19" />
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="49" />
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="40" />
        <source>No flow created: {name} offers no capability</source>
        <translation>未创建资源流：{name} 没有提供任何能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="34" />
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="15" />
        <source>Click a kind, then click on the canvas — or drag it onto the canvas</source>
        <translation>单击一种类型，再单击画布——或直接拖到画布上</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="47" />
        <source>Place: {kind}</source>
        <translation>放置：{kind}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="60" />
        <source>Volume {volume} · value {value} {currency}</source>
        <translation>数量 {volume} · 价值 {value} {currency}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="13" />
        <source>Capability: {name}</source>
        <translation>能力：{name}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="51" />
        <source>Risk of break: {risk}</source>
        <translation>中断风险：{risk}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="23" />
        <source>Drag from one entity to another to draw a flow</source>
        <translation>从一个主体拖到另一个主体以绘制资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="56" />
        <source>Start the flow on an entity</source>
        <translation>请从一个主体开始拖出资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="37" />
        <source>Move cancelled</source>
        <translation>已取消移动</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="16" />
        <source>Click on the canvas to place: {kind}</source>
        <translation>在画布上单击以放置：{kind}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="41" />
        <source>No flow drawn: release the mouse over another entity</source>
        <translation>未绘制资源流：请在另一个主体上松开鼠标</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="43" />
        <source>Nothing selected</source>
        <translation>未选择任何对象</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="17" />
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="25" />
        <source>Entities</source>
        <translation>主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="28" />
        <source>Flows</source>
        <translation>资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/tools.py" line="416" />
        <source>A flow needs two different entities: drop it on another entity</source>
        <translation>资源流需要连接两个不同的主体：请把它拖放到另一个主体上</translation>
    </message>
</context>
<context>
    <name>CanvasFocus</name>
    <message>
        <location filename="../../ecodesk/ui/canvas/focus.py" line="172" />
        <source>Select entities to focus on</source>
        <extracomment>What the bar's event filter passes on (the focus's: the view's keys, the viewport's frames). The entities in focus (seeds and their neighbours).</extracomment>
        <translation>请先选择要聚焦的主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/focus.py" line="364" />
        <source>Show All</source>
        <translation>全部显示</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/focus.py" line="365" />
        <source>Focus on Selection</source>
        <translation>聚焦所选</translation>
    </message>
</context>
<context>
    <name>CanvasLink</name>
    <message>
        <location filename="../../ecodesk/ui/panels/canvaslink.py" line="123" />
        <source>What If It Leaves?…</source>
        <translation>假如它退出？…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/canvaslink.py" line="125" />
        <source>Remove It in a New Scenario</source>
        <translation>在新情景中移除它</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/canvaslink.py" line="159" />
        <source>Without {0}</source>
        <translation>不含{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/canvaslink.py" line="163" />
        <source>Scenario not added</source>
        <translation>未添加情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/canvaslink.py" line="166" />
        <source>Scenario “{0}” added: the model without {1}</source>
        <translation>已添加情景“{0}”：不含{1}的模型</translation>
    </message>
</context>
<context>
    <name>CanvasMinimap</name>
    <message>
        <location filename="../../ecodesk/ui/canvas/minimap.py" line="142" />
        <location filename="../../ecodesk/ui/canvas/minimap.py" line="357" />
        <source>Minimap</source>
        <extracomment>More entities than this: the minimap shows (when on) even if the diagram fits the view. Below this viewport size the minimap folds into its tab. Samples of the flows' chords at most (a denser picture samples them further apart). View → Minimap (the settings keep it). The user folded (True) or opened (False) it; None: as the canvas's size suggests. How many times the picture was drawn (the tests count rebuilds).</extracomment>
        <translation>小地图</translation>
    </message>
</context>
<context>
    <name>CapabilityPickerWidget</name>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_picker.py" line="69" />
        <source>Search capabilities, owners, categories…</source>
        <extracomment>Columns of the list. A keep/exclude box changed.</extracomment>
        <translation>搜索能力、所有者、类别…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_picker.py" line="70" />
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_picker.py" line="70" />
        <source>Exclude</source>
        <translation>排除</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_picker.py" line="70" />
        <source>Capability</source>
        <translation>能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_picker.py" line="71" />
        <source>Owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_picker.py" line="71" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_picker.py" line="72" />
        <source>Must stay in the design</source>
        <translation>必须保留在设计中</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_picker.py" line="72" />
        <source>Must be closed in the design</source>
        <translation>必须在设计中关闭</translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <location filename="../../ecodesk/ui/panels/charts.py" line="252" />
        <source>PNG images (*.png)</source>
        <extracomment>Series colours (colour-blind aware, readable on light and dark backgrounds). The chart was redrawn (argument: number of data items). Legend samples drawn for bands (kept referenced while the legend shows them).</extracomment>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/charts.py" line="252" />
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/charts.py" line="253" />
        <source>Save Chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/charts.py" line="263" />
        <source>Save Chart as PNG…</source>
        <translation>将图表另存为 PNG…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/charts.py" line="264" />
        <source>Save Chart as SVG…</source>
        <translation>将图表另存为 SVG…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/charts.py" line="265" />
        <source>Copy Chart</source>
        <translation>复制图表</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/charts.py" line="268" />
        <source>Reset Zoom</source>
        <translation>重置缩放</translation>
    </message>
</context>
<context>
    <name>CollectionPageWidget</name>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="137" />
        <source>entities</source>
        <extracomment>The tabs, in order: collection name and the kind of object it holds. A message for the status bar.</extracomment>
        <translation>主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="137" />
        <source>flows</source>
        <translation>资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="137" />
        <source>capabilities</source>
        <translation>能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="138" />
        <source>needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="138" />
        <source>pools</source>
        <translation>共享安排</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="138" />
        <source>ecosystems</source>
        <translation>生态</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="139" />
        <source>Filter {0}…</source>
        <translation>筛选{0}…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="140" />
        <source>Show only rows containing this text (any column)</source>
        <translation>只显示包含此文字的行（任意列）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="141" />
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="142" />
        <source>Add a row (defaults come from the selection)</source>
        <translation>添加一行（默认值取自当前选择）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="143" />
        <location filename="../../ecodesk/ui/tables.py" line="148" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="144" />
        <source>Delete the selected rows and what depends on them</source>
        <translation>删除选中的行及依赖它们的对象</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="145" />
        <source>Set value…</source>
        <translation>统一设值…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="146" />
        <source>Set the current column to one value for every selected row (one undo step)</source>
        <translation>将当前列在所有选中行中设为同一个值（一步即可撤销）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="149" />
        <source>Set value for selected…</source>
        <translation>为选中行统一设值…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="150" />
        <source>Set one column to the same value for all selected rows</source>
        <translation>将某一列在所有选中行中设为同一个值</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="163" />
        <source>{0} of {1}</source>
        <translation>{0} / {1}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="287" />
        <source>Select rows and click a cell of the column to set.</source>
        <translation>请先选中若干行，并单击要设置的那一列中的单元格。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="290" />
        <source>Set value for selected</source>
        <translation>为选中行统一设值</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="291" />
        <source>{0} for the selected row:</source>
        <translation>选中行的“{0}”：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="292" />
        <source>{0} for {1} selected rows:</source>
        <translation>{1} 个选中行的“{0}”：</translation>
    </message>
</context>
<context>
    <name>CollectionTableModel</name>
    <message>
        <location filename="../../ecodesk/ui/tablemodels.py" line="287" />
        <source>Kind colour</source>
        <extracomment>Role giving a value to sort by (numbers as numbers, text case-folded). Role giving the object id of a row. Collections each table shows names from (their edits refresh the ref columns). An edit was refused (argument: the sentence to show). An edit was accepted (a refusal shown before can go).</extracomment>
        <translation>类型颜色</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tablemodels.py" line="389" />
        <source>Ranges for uncertainty analysis: field=low..high, separated by “;”, e.g. volume=80..120;risk=5%..20%. Each value must lie within its range. Empty: no ranges.</source>
        <translation>不确定性分析的范围：字段=下限..上限，多个范围以“;”分隔，如 volume=80..120;risk=5%..20%。每个数值须在其范围之内。留空表示没有范围。</translation>
    </message>
</context>
<context>
    <name>ColorField</name>
    <message>
        <location filename="../../ecodesk/ui/inspector_fields.py" line="300" />
        <source>Choose a colour</source>
        <translation>选择颜色</translation>
    </message>
</context>
<context>
    <name>ColorModes</name>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="63" />
        <source>10–30 %</source>
        <translation>10–30 %</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="64" />
        <source>30–60 %</source>
        <translation>30–60 %</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="65" />
        <source>60 % or more</source>
        <translation>60 % 及以上</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="398" />
        <location filename="../../ecodesk/ui/tr_marks.py" line="66" />
        <source>By Shapley savings</source>
        <translation>按 Shapley 节省额</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="396" />
        <location filename="../../ecodesk/ui/tr_marks.py" line="67" />
        <source>By criticality</source>
        <translation>按关键程度</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="397" />
        <location filename="../../ecodesk/ui/tr_marks.py" line="68" />
        <source>By ecosystem</source>
        <translation>按生态</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="395" />
        <location filename="../../ecodesk/ui/tr_marks.py" line="69" />
        <source>By kind</source>
        <translation>按类型</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="70" />
        <source>Capability built twice</source>
        <translation>重复建设的能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="71" />
        <source>Loss under 10 %</source>
        <translation>损失低于 10 %</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="72" />
        <source>No ecosystem</source>
        <translation>不属于任何生态</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="73" />
        <source>No savings (or not in the cost game)</source>
        <translation>无节省（或不参与成本博弈）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="74" />
        <source>No service loss</source>
        <translation>无服务损失</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="75" />
        <source>Saves {0}–{1}</source>
        <translation>节省 {0}–{1}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="76" />
        <source>Several ecosystems</source>
        <translation>属于多个生态</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="77" />
        <source>Single point of failure</source>
        <translation>单点故障</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="78" />
        <source>Unmet need</source>
        <translation>未满足的需求</translation>
    </message>
</context>
<context>
    <name>CompactPanel</name>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_compact.py" line="257" />
        <source>&amp;Apply as New Scenario</source>
        <extracomment>A screen at least this wide has room for the full dialog beside the canvas's centre. The compact panel's width (narrower on a narrow canvas) and its distance from the canvas's edges. The full dialog beside the canvas on a large screen: as big as this, and no smaller than that. Weight of covering the canvas's centre, its legend, a mark of the difference, any other entity.</extracomment>
        <translation>应用为新情景(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_compact.py" line="258" />
        <source>Add the design as a new scenario after this one (undoable) and compare the two</source>
        <translation>将该设计作为新情景添加在当前情景之后（可撤销），并对比两者</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_compact.py" line="260" />
        <source>&amp;Fit to Difference</source>
        <translation>适应差异(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_compact.py" line="261" />
        <source>Zoom and pan the canvas to the changes (the model is not changed)</source>
        <translation>缩放并平移画布到有变化的部分（不修改模型）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_compact.py" line="262" />
        <source>&amp;Details</source>
        <translation>详细信息(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_compact.py" line="263" />
        <source>Back to the full dialog: constraints, figures, assignments and trade-off</source>
        <translation>回到完整对话框：约束条件、数字、分配和权衡</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_compact.py" line="271" />
        <source>Closed capabilities: {0}; flows that go away: {1}</source>
        <translation>关闭的能力：{0}；将取消的资源流：{1}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_compact.py" line="273" />
        <source>New or re-pointed capability flows: {0}</source>
        <translation>新增或改由他方提供的能力流：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_compact.py" line="275" />
        <source>served by their own entity: {0}</source>
        <translation>由自有能力满足：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_compact.py" line="277" />
        <source>Demands left standalone: {0}</source>
        <translation>自行解决的需求：{0}</translation>
    </message>
</context>
<context>
    <name>CompareOps</name>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="79" />
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="80" />
        <source>Cannot compare with “{0}”</source>
        <translation>无法与“{0}”比较</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="81" />
        <source>Changes from scenario (to “{0}” shown):</source>
        <translation>相对哪个情景的变化（当前显示“{0}”）：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="82" />
        <source>Compare with File</source>
        <translation>与文件比较</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="83" />
        <source>Projects and JSON (*.ecodesk *.json)</source>
        <translation>项目与 JSON (*.ecodesk *.json)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="84" />
        <source>Show Changes from Scenario</source>
        <translation>显示相对情景的变化</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="85" />
        <source>The project has one scenario only: there is nothing to compare it with.</source>
        <translation>项目只有一个情景，没有可比较的对象。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="86" />
        <source>“{0}” has no scenario “{1}” (it has: {2}). Show the scenario to compare, or rename one of them.</source>
        <translation>“{0}”中没有情景“{1}”（它有：{2}）。请显示要比较的情景，或重命名其中之一。</translation>
    </message>
</context>
<context>
    <name>CompareTab</name>
    <message>
        <location filename="../../ecodesk/ui/panels/compare_tab.py" line="201" />
        <source>Analysing… {0} %</source>
        <extracomment>A figure to bring into view once the comparison has it (see :meth:`show_figure`).</extracomment>
        <translation>正在分析… {0} %</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/compare_tab.py" line="202" />
        <source>Out of date</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/compare_tab.py" line="202" />
        <source>Up to date</source>
        <translation>已是最新</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/compare_tab.py" line="208" />
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/compare_tab.py" line="210" />
        <source>Change (B − A)</source>
        <translation>变化（B − A）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/compare_tab.py" line="210" />
        <source>Green: B is better; red: B is worse</source>
        <translation>绿色：B 更好；红色：B 更差</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/compare_tab.py" line="213" />
        <source>Comparison</source>
        <translation>情景比较</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/compare_tab.py" line="234" />
        <source>Compare scenarios</source>
        <translation>比较情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/compare_tab.py" line="235" />
        <source>A:</source>
        <translation>A：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/compare_tab.py" line="236" />
        <source>B:</source>
        <translation>B：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/compare_tab.py" line="237" />
        <source>Swap A and B</source>
        <translation>交换 A 与 B</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/compare_tab.py" line="238" />
        <source>Counts by kind</source>
        <translation>按类型计数</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/compare_tab.py" line="239" />
        <source>Fair shares</source>
        <translation>公平分摊</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/compare_tab.py" line="240" />
        <source>Each partner's fair share of the cost (Shapley value) in A and in B</source>
        <translation>每个伙伴在 A 和 B 中的公平成本分摊（Shapley 值）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/compare_tab.py" line="281" />
        <source>Fair share (Shapley): {0}</source>
        <translation>公平分摊（Shapley）：{0}</translation>
    </message>
</context>
<context>
    <name>ConflictsWidget</name>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge_tables.py" line="98" />
        <source>All &amp;Base</source>
        <extracomment>A conflict's key: (scenario, table, id, field), as the engine's ``choices`` take it. The user picked a side for one conflict: (key, "base" | "other"). "All Base" / "All Other": ("base" | "other").</extracomment>
        <translation>全部取基准(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge_tables.py" line="99" />
        <source>Keep the open project's value in every conflict</source>
        <translation>所有冲突都保留当前项目的值</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge_tables.py" line="100" />
        <source>All &amp;Other</source>
        <translation>全部取其他(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge_tables.py" line="101" />
        <source>Keep the other file's value in every conflict</source>
        <translation>所有冲突都保留其他文件的值</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge_tables.py" line="103" />
        <source>Scenario</source>
        <translation>情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge_tables.py" line="103" />
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge_tables.py" line="103" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge_tables.py" line="103" />
        <source>Base (open project)</source>
        <translation>基准（当前项目）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge_tables.py" line="104" />
        <location filename="../../ecodesk/ui/dialogs/merge_tables.py" line="108" />
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge_tables.py" line="104" />
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge_tables.py" line="108" />
        <source>Base</source>
        <translation>基准</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge_tables.py" line="134" />
        <source>Pick the value to keep in each conflict; the merge is checked again at once.</source>
        <translation>为每处冲突选择要保留的值；合并结果会立即重新检查。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge_tables.py" line="135" />
        <source>No conflicts.</source>
        <translation>没有冲突。</translation>
    </message>
</context>
<context>
    <name>CostShareTab</name>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="98" />
        <source>Partner</source>
        <translation>伙伴</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="99" />
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="172" />
        <source>Standalone</source>
        <translation>独立成本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="99" />
        <source>c({i}): what it would pay on its own</source>
        <translation>c({i})：单干时要付的成本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="100" />
        <source>Fair share (Shapley)</source>
        <translation>公平分摊（Shapley）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="100" />
        <source>Its Shapley value of the cost game</source>
        <translation>它在成本博弈中的 Shapley 值</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="101" />
        <source>Savings</source>
        <translation>节省额</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="101" />
        <source>Standalone minus fair share</source>
        <translation>独立成本减去公平分摊</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="104" />
        <source>Proportional</source>
        <translation>按比例</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="104" />
        <source>Total cost split in proportion to standalone</source>
        <translation>按独立成本比例分摊总成本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="105" />
        <source>Equal savings</source>
        <translation>等额节省</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="105" />
        <source>Standalone minus an equal share of savings</source>
        <translation>独立成本减去均分的节省额</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="108" />
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="109" />
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="110" />
        <source>Claim</source>
        <translation>索赔额</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="111" />
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="222" />
        <source>Allocation</source>
        <translation>分配额</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="112" />
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="173" />
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="223" />
        <source>Fair share</source>
        <translation>公平分摊</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="113" />
        <source>Fairness gap</source>
        <translation>公平差距</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="113" />
        <source>Allocation minus fair share</source>
        <translation>分配额减去公平分摊</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="116" />
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="147" />
        <source>Partners</source>
        <translation>伙伴</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="117" />
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="168" />
        <source>Standalone vs fair share</source>
        <translation>独立成本与公平分摊</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="118" />
        <source>Pool allocation</source>
        <translation>共享安排分配</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="119" />
        <source>Pool allocation vs fair share</source>
        <translation>共享安排分配与公平分摊</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="146" />
        <source>Is the fair split stable?</source>
        <translation>公平分摊是否稳定？</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="148" />
        <source>Sharing pools</source>
        <translation>共享安排</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="154" />
        <source>Groups that would leave: {0}</source>
        <translation>会退出的伙伴组合：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="164" />
        <source>Together {0} {2} · alone {1} {2}</source>
        <translation>合作 {0} {2} · 单干 {1} {2}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="169" />
        <source>Standalone vs fair share: top {0} of {1} partners</source>
        <translation>独立成本与公平分摊：{1} 个伙伴中的前 {0} 个</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="189" />
        <source>No sharing pool yet: select partners on the canvas and click New Pool.</source>
        <translation>尚无共享安排：在画布上选择伙伴，然后点击“新建共享安排”。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="212" />
        <source>{0}: {1} of {2} {3} allocated by “{4}”; fair share by {5}.</source>
        <translation>{0}：按“{4}”分配了 {2} {3} 中的 {1}；公平分摊采用{5}。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="216" />
        <source>Largest gap: {0} ({1} {2}).</source>
        <translation>最大差距：{0}（{1} {2}）。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="217" />
        <source>Red: pays more (or receives less) than its fair share; amber: the opposite.</source>
        <translation>红色：比公平分摊多付（或少得）；琥珀色：相反。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="220" />
        <source>Allocation vs fair share</source>
        <translation>分配额与公平分摊</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="226" />
        <source>exact Shapley value</source>
        <translation>精确 Shapley 值</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="226" />
        <source>closed form</source>
        <translation>解析解</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/costshare_tab.py" line="227" />
        <source>sampled Shapley value (95 % interval in the notes)</source>
        <translation>抽样 Shapley 值（95 % 区间见说明）</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="163" />
        <source>1 entity</source>
        <extracomment>Texts of Qt's own dialogs that Qt's zh_CN catalogue (qtbase_zh_CN.qm) leaves English: the file dialog's "&amp;Look in:" and "Files of &amp;type:" labels (their mnemonic forms are missing there), "Don't Save" of the standard buttons. What :func:`count_text` counts → its singular and plural text (context ``Counts``).</extracomment>
        <translation>1 个主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="163" />
        <source>{0} entities</source>
        <translation>{0} 个主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="164" />
        <source>1 flow</source>
        <translation>1 条资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="164" />
        <source>{0} flows</source>
        <translation>{0} 条资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="165" />
        <source>1 capability</source>
        <translation>1 项能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="165" />
        <source>{0} capabilities</source>
        <translation>{0} 项能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="166" />
        <source>1 need</source>
        <translation>1 项需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="166" />
        <source>{0} needs</source>
        <translation>{0} 项需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="167" />
        <source>1 pool</source>
        <translation>1 个共享安排</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="167" />
        <source>{0} pools</source>
        <translation>{0} 个共享安排</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="168" />
        <source>1 sharing pool</source>
        <translation>1 个共享安排</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="168" />
        <source>{0} sharing pools</source>
        <translation>{0} 个共享安排</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="169" />
        <source>1 ecosystem</source>
        <translation>1 个生态</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="169" />
        <source>{0} ecosystems</source>
        <translation>{0} 个生态</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="170" />
        <source>1 object</source>
        <translation>1 个对象</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="170" />
        <source>{0} objects</source>
        <translation>{0} 个对象</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="171" />
        <source>1 row</source>
        <translation>1 行</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="171" />
        <source>{0} rows</source>
        <translation>{0} 行</translation>
    </message>
</context>
<context>
    <name>DesignResultWidget</name>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="117" />
        <source>Status:</source>
        <extracomment>A saving smaller than this is no saving (float noise).</extracomment>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="117" />
        <source>Current cost:</source>
        <translation>当前成本：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="118" />
        <source>Optimal cost:</source>
        <translation>最优成本：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="118" />
        <source>Savings:</source>
        <translation>节省：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="119" />
        <source>Gap:</source>
        <translation>差距：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="122" />
        <source>Demand</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="122" />
        <source>Entity</source>
        <translation>主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="123" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="124" />
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="125" />
        <source>Served now by</source>
        <translation>当前提供方</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="125" />
        <source>Served by</source>
        <translation>提供方</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="126" />
        <source>Volume</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="126" />
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="128" />
        <source>Design assignments</source>
        <translation>设计分配</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="133" />
        <source>Optimal</source>
        <translation>最优</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="133" />
        <source>Infeasible</source>
        <translation>不可行</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="134" />
        <source>Time limit reached (best design found)</source>
        <translation>已到时间限制（已找到的最佳设计）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="137" />
        <source>unchanged</source>
        <translation>不变</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="137" />
        <source>new flow</source>
        <translation>新增资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="137" />
        <source>re-pointed</source>
        <translation>改由他方提供</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="138" />
        <source>own capability</source>
        <translation>自有能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="138" />
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="236" />
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="237" />
        <source>standalone</source>
        <translation>自行解决</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="139" />
        <source>flow removed: standalone</source>
        <translation>取消资源流：自行解决</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="150" />
        <source>No design meets the constraints. {0}</source>
        <translation>没有满足约束条件的设计。{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="153" />
        <source>The current design already costs the least: nothing to save.</source>
        <translation>当前设计已是成本最低：无可节省。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="156" />
        <source>The least-cost design saves {0} {1} ({2} of the current cost).</source>
        <translation>成本最低的设计可节省 {0} {1}（当前成本的 {2}）。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="159" />
        <source>The time limit stopped the search: the best possible design may cost up to {0} less.</source>
        <translation>时间限制中止了搜索：最优设计的成本可能最多再低 {0}。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="173" />
        <source>Set the constraints and press Run.</source>
        <translation>设置约束条件后点击“运行”。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="177" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="178" />
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="191" />
        <source>The current design exceeds a capacity: its cost is shown for reference.</source>
        <translation>当前设计超出某项能力的容量：其成本仅供参考。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="195" />
        <source>A standalone demand counts here with its standalone cost; the cost-sharing figures (and Compare) count only demands served through capability flows.</source>
        <translation>自行解决的需求在此按其独立成本计入；成本分摊数字（及“对比”）只计入通过能力流获得服务的需求。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="215" />
        <source>Close ({0})</source>
        <translation>关闭（{0}）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="215" />
        <source>Keep ({0})</source>
        <translation>保留（{0}）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="230" />
        <source>Need {0}</source>
        <translation>需求 {0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="232" />
        <source>Flow {0} ({1})</source>
        <translation>资源流 {0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="234" />
        <source>Flow {0}</source>
        <translation>资源流 {0}</translation>
    </message>
</context>
<context>
    <name>DiffBar</name>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="321" />
        <source>Changes from {0}: {1} added · {2} removed · {3} changed</source>
        <extracomment>Colours of the three kinds of change (the optimiser's green and amber; a neutral grey). What each mark is (``item.data(KIND)``: "added"/"removed"/"changed") and about (``data(ID)``). Tables drawn on the canvas themselves; capabilities and needs mark their entity. table → kind ("added"/"removed"/"changed") → ids (the engine's lists). (table, id) → [(field, before, after)] of each changed object. entity id → [(table, id, kind)] of the capabilities and needs changed at it.</extracomment>
        <translation>相对{0}的变化：新增 {1} · 删除 {2} · 修改 {3}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="325" />
        <source>Next</source>
        <translation>下一处</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="326" />
        <source>Zoom to the next change</source>
        <translation>缩放到下一处变化</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="327" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="328" />
        <source>Stop showing the changes (Esc)</source>
        <translation>不再显示变化（Esc）</translation>
    </message>
</context>
<context>
    <name>DiffOverlay</name>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="495" />
        <source>Added: {0}</source>
        <translation>新增：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="496" />
        <source>Removed: {0}</source>
        <translation>删除：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="497" />
        <source>Changed: {0}</source>
        <translation>修改：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="498" />
        <source>Changes at {0}</source>
        <translation>{0} 处的变化</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="499" />
        <source>{0}: {1} → {2}</source>
        <translation>{0}：{1} → {2}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="500" />
        <source>capability added: {0}</source>
        <translation>新增能力：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="501" />
        <source>capability removed: {0}</source>
        <translation>删除能力：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="502" />
        <source>capability changed: {0}</source>
        <translation>修改能力：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="503" />
        <source>need added: {0}</source>
        <translation>新增需求：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="504" />
        <source>need removed: {0}</source>
        <translation>删除需求：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="505" />
        <source>need changed: {0}</source>
        <translation>修改需求：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="506" />
        <source>{0} {1}: {2}</source>
        <translation>{0}{1}：{2}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="507" />
        <source>Ecosystems</source>
        <translation>生态</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="508" />
        <source>Sharing arrangements</source>
        <translation>共享安排</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="509" />
        <source>Capabilities</source>
        <translation>能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="510" />
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="511" />
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="512" />
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/diff_overlay.py" line="513" />
        <source>changed</source>
        <translation>修改</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <location filename="../../ecodesk/ui/document.py" line="163" />
        <source>Untitled</source>
        <extracomment>File suffixes the window opens: project files, and interchange JSON imported as untitled. The shown scenario was switched (argument: the new Scenario). Selection of object ids changed (argument: list[str]). Modified state changed (argument: bool modified). The file path changed (argument: str, '' for none). An edit was refused (argument: the message). The history moved (push/undo/redo).</extracomment>
        <translation>未命名</translation>
    </message>
</context>
<context>
    <name>DocumentController</name>
    <message>
        <location filename="../../ecodesk/ui/controller.py" line="45" />
        <location filename="../../ecodesk/ui/controller.py" line="175" />
        <source>Base</source>
        <translation>基准情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/prompter.py" line="52" />
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/prompter.py" line="53" />
        <source>“{0}” has changes that are not saved.</source>
        <translation>“{0}”有尚未保存的修改。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/prompter.py" line="54" />
        <source>Do you want to save them?</source>
        <translation>是否保存？</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/prompter.py" line="79" />
        <source>Open in another window</source>
        <translation>在另一个窗口中打开</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/prompter.py" line="80" />
        <source>“{0}” is already open in another ecodesk window.</source>
        <translation>“{0}”已在另一个 ecodesk 窗口中打开。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/prompter.py" line="82" />
        <source>Only one window can save it: once one saves, the other's save is refused (it can still save under another name). Open a copy here, saved to a new file, or open the file anyway?</source>
        <translation>只有一个窗口能保存它：一旦其中一个保存，另一个的保存就会被拒绝（仍可另存为其他名称）。在这里打开一个副本（保存到新文件），还是仍然打开该文件？</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/prompter.py" line="86" />
        <source>Open a Copy</source>
        <translation>打开副本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/prompter.py" line="88" />
        <source>Open Anyway</source>
        <translation>仍然打开</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/controller.py" line="155" />
        <source>New project</source>
        <extracomment>Another document is shown (argument: the new Document; the old one is closed). A message for the status bar (text, milliseconds). An object was inserted and selected (arguments: its id, its kind name).</extracomment>
        <translation>新项目</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/controller.py" line="171" />
        <source>Cannot use the template</source>
        <translation>无法使用该模板</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/controller.py" line="177" />
        <source>New project from template “{0}”</source>
        <translation>已从模板“{0}”新建项目</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/controller.py" line="193" />
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/controller.py" line="195" />
        <source>Open Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/controller.py" line="203" />
        <source>“{0}” is already open</source>
        <translation>“{0}”已经打开</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/app.py" line="100" />
        <location filename="../../ecodesk/ui/controller.py" line="215" />
        <source>Cannot open “{0}”</source>
        <translation>无法打开“{0}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/controller.py" line="233" />
        <source>Opened “{0}”</source>
        <translation>已打开“{0}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/controller.py" line="235" />
        <source>Imported “{0}” — save it as a project file to keep it</source>
        <translation>已导入“{0}”——请另存为项目文件以便保留</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/controller.py" line="243" />
        <source>File not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/controller.py" line="244" />
        <source>“{0}” no longer exists; it was removed from the recent files.</source>
        <translation>“{0}”已不存在，已从最近文件中移除。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/controller.py" line="59" />
        <source>Sample project “{0}” — your changes are saved to a new file</source>
        <translation>示例项目“{0}”——您的修改将保存到新文件中</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/controller.py" line="74" />
        <source>“{0}” is also open in another ecodesk window: once one window saves it, the other cannot save it (except under another name).</source>
        <translation>“{0}”也在另一个 ecodesk 窗口中打开：一旦其中一个窗口保存，另一个就无法保存它（另存为其他名称除外）。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/controller.py" line="224" />
        <source>A copy of “{0}” — your changes are saved to a new file</source>
        <translation>“{0}”的副本——您的修改将保存到新文件</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/controller.py" line="272" />
        <location filename="../../ecodesk/ui/controller.py" line="294" />
        <source>Saved “{0}”</source>
        <translation>已保存“{0}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/controller.py" line="281" />
        <source>Save Project As</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/prompter.py" line="62" />
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/prompter.py" line="64" />
        <source>Your project is still open and nothing was lost. Save it under another name?</source>
        <translation>项目仍然打开，没有任何内容丢失。要以其他名称保存吗？</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/prompter.py" line="70" />
        <source>Your project is still open and nothing was lost.</source>
        <translation>项目仍然打开，没有任何内容丢失。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/prompter.py" line="66" />
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/controller.py" line="255" />
        <source>Removed from recent files (no longer found): {0}</source>
        <translation>已从最近文件中移除（文件已不存在）：{0}</translation>
    </message>
</context>
<context>
    <name>FieldsButton</name>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_controls.py" line="162" />
        <source>Entities</source>
        <extracomment>The chosen metric changed (argument: its path). The list is about to open (its owner may renew the choices first).</extracomment>
        <translation>主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_controls.py" line="162" />
        <source>Capabilities</source>
        <translation>能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_controls.py" line="162" />
        <source>Flows</source>
        <translation>资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_controls.py" line="163" />
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_controls.py" line="163" />
        <source>Pools</source>
        <translation>共享安排</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_controls.py" line="168" />
        <source>Default Fields</source>
        <translation>默认字段</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_controls.py" line="170" />
        <source>Inputs: 1 field</source>
        <translation>输入：1 个字段</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_controls.py" line="170" />
        <source>Inputs: {0} fields</source>
        <translation>输入：{0} 个字段</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_controls.py" line="171" />
        <source>Which numbers are varied, one at a time</source>
        <translation>逐一变动哪些数值</translation>
    </message>
</context>
<context>
    <name>FindDialog</name>
    <message>
        <location filename="../../ecodesk/ui/dialogs/find.py" line="47" />
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/find.py" line="53" />
        <source>Name, id, category or industry…</source>
        <translation>名称、id、类别或行业…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/find.py" line="63" />
        <source>&amp;Find:</source>
        <translation>查找(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/find.py" line="85" />
        <source>{0} found — Enter selects them all</source>
        <translation>找到 {0} 个——按回车全部选中</translation>
    </message>
</context>
<context>
    <name>FocusBar</name>
    <message>
        <location filename="../../ecodesk/ui/canvas/focus.py" line="97" />
        <source>Focus: 1 entity + neighbours within</source>
        <extracomment>Opacity of the entities outside the focus. Share of their own colour the flows outside the focus keep (the rest: the background's) … … and of their opacity (over a hull they take its tint). The steps the bar offers (the neighbourhood itself takes any k ≥ 0).</extracomment>
        <translation>聚焦：1 个主体及其</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/focus.py" line="99" />
        <source>Focus: {0} entities + neighbours within</source>
        <translation>聚焦：{0} 个主体及其</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/focus.py" line="100" />
        <source>steps ·</source>
        <translation>步以内的相邻主体 ·</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/focus.py" line="101" />
        <source>Show All</source>
        <translation>全部显示</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/focus.py" line="102" />
        <source>Leave the focus and show every entity (Esc)</source>
        <translation>退出聚焦，显示全部主体（Esc）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/focus.py" line="103" />
        <source>How many flows away from the focused entities an entity may be</source>
        <translation>相邻主体与聚焦主体之间最多相隔几条流</translation>
    </message>
</context>
<context>
    <name>ImageExportDialog</name>
    <message>
        <location filename="../../ecodesk/ui/dialogs/image_export.py" line="41" />
        <source>Export Picture as {0}</source>
        <translation>导出为 {0} 图片</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/image_export.py" line="46" />
        <source>The &amp;whole scenario</source>
        <translation>整个情景(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/image_export.py" line="47" />
        <source>The &amp;selection only ({0} objects)</source>
        <translation>仅所选内容(&amp;S)（{0} 个对象）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/image_export.py" line="49" />
        <source>The selected entities, the flows between them and their ecosystems</source>
        <translation>所选主体、它们之间的资源流及所属生态</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/image_export.py" line="57" />
        <source>Draw:</source>
        <translation>绘制：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/image_export.py" line="66" />
        <source>1 × is 96 dpi, as on screen; 2 × or more gives sharp pictures on slides and in print</source>
        <translation>1 × 为 96 dpi（与屏幕相同）；2 × 及以上可在幻灯片和印刷中保持清晰</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/image_export.py" line="73" />
        <source>&amp;Scale:</source>
        <translation>缩放(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/image_export.py" line="78" />
        <source>{0} is a vector format: it stays sharp at any size.</source>
        <translation>{0} 是矢量格式：任意尺寸都保持清晰。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/image_export.py" line="82" />
        <source>Include the &amp;legend</source>
        <translation>包含图例(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/image_export.py" line="87" />
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/image_export.py" line="99" />
        <source>About {0} × {1} pixels</source>
        <translation>约 {0} × {1} 像素</translation>
    </message>
</context>
<context>
    <name>InspectorWidget</name>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="275" />
        <source>To change one field of all selected objects at once, use “Set value for selected…” in the Tables dock.</source>
        <extracomment>The fields of each kind of object, in the order shown, with the editor they use. Up/Down step of each kind of number field (the model, not the editor, sets the range).</extracomment>
        <translation>要一次修改所有选中对象的某个字段，请在“表格”面板中使用“为选中行统一设值…”。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="325" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="330" />
        <location filename="../../ecodesk/ui/inspector.py" line="331" />
        <source>Kind colour</source>
        <translation>类型颜色</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="332" />
        <source>Fill the entity with its kind's colour again</source>
        <translation>恢复为该类型的颜色</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="396" />
        <source>Scenario “{0}”: {1}. Select an object on the canvas or in the tables to edit it.</source>
        <translation>情景“{0}”：{1}。在画布或表格中选择对象即可编辑。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_sections.py" line="177" />
        <source>Double-click (or press Enter) to open it in the inspector</source>
        <translation>双击（或按回车）在检查器中打开</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_sections.py" line="178" />
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_sections.py" line="179" />
        <source>Remove the selected item (a capability takes its flows along)</source>
        <translation>移除选中的项（移除能力时会一并移除其资源流）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_sections.py" line="184" />
        <source>Ecosystems</source>
        <translation>所属生态</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_sections.py" line="185" />
        <source>Capabilities</source>
        <translation>拥有的能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_sections.py" line="186" />
        <source>Add capability</source>
        <translation>添加能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_sections.py" line="187" />
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_sections.py" line="187" />
        <source>Add need</source>
        <translation>添加需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_sections.py" line="190" />
        <location filename="../../ecodesk/ui/inspector_sections.py" line="193" />
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_sections.py" line="197" />
        <source>Delivered to</source>
        <translation>提供给</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="384" />
        <source>{0} objects selected</source>
        <translation>已选中 {0} 个对象</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="388" />
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="402" />
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_sections.py" line="154" />
        <source>{0} — {1} (used by {2})</source>
        <translation>{0} — {1}（{2} 方使用）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_sections.py" line="159" />
        <source>{0} — volume {1}</source>
        <translation>{0} — 数量 {1}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_sections.py" line="166" />
        <source>Not delivered by any flow yet.</source>
        <translation>尚无资源流提供此能力。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="465" />
        <source>Click a kind, then click on the canvas</source>
        <translation>单击一种类型，再单击画布</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="314" />
        <source>● Unsaved changes</source>
        <translation>● 有未保存的修改</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="315" />
        <source>Save with {0}</source>
        <translation>按 {0} 保存</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="318" />
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="318" />
        <source>Not saved yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="327" />
        <source>&amp;Undo {0}</source>
        <translation>撤销 {0}(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="327" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="328" />
        <source>&amp;Redo {0}</source>
        <translation>重做 {0}(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="328" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/windowparts.py" line="136" />
        <source>Log folder</source>
        <translation>日志文件夹</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/windowparts.py" line="118" />
        <source>About ecodesk</source>
        <translation>关于 ecodesk</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/windowparts.py" line="118" />
        <source>&lt;h3&gt;ecodesk {0}&lt;/h3&gt;&lt;p&gt;Plan mutual supply ecosystems (互供生态): capability reuse, cost sharing and network resilience.&lt;/p&gt;&lt;p&gt;Projects are SQLite files you can hand on; everything works offline.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ecodesk {0}&lt;/h3&gt;&lt;p&gt;互供生态规划工具：能力复用、成本分摊与网络韧性。&lt;/p&gt;&lt;p&gt;项目是可直接交付的 SQLite 文件；全部功能均可离线使用。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="136" />
        <source>&amp;File</source>
        <extracomment>Toolbar positions in the same group of ten sit together; a separator between groups. The menu bar, left to right.</extracomment>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="186" />
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="137" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="254" />
        <source>&amp;Arrange</source>
        <translation>排列(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="138" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="141" />
        <source>&amp;Plan</source>
        <translation>规划(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="296" />
        <source>Show &amp;Flows</source>
        <translation>显示资源流(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="297" />
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="139" />
        <source>&amp;Insert</source>
        <translation>插入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="320" />
        <source>Place &amp;Entity</source>
        <translation>放置主体(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="321" />
        <source>Draw F&amp;low</source>
        <translation>绘制资源流(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="140" />
        <source>&amp;Analyze</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="142" />
        <source>&amp;Scenario</source>
        <translation>情景(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="355" />
        <source>S&amp;witch To</source>
        <translation>切换到(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="143" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/docks.py" line="220" />
        <source>Inspector</source>
        <extracomment>The window's size on a large screen (smaller screens: the available area). Most of the height a dock below the canvas may take by default. … and on a short, wide laptop screen.</extracomment>
        <translation>检查器</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/docks.py" line="221" />
        <source>Tables</source>
        <translation>表格</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/docks.py" line="222" />
        <source>Palette</source>
        <translation>主体面板</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="467" />
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="468" />
        <source>&amp;Scenario:</source>
        <translation>情景(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="469" />
        <source>The scenario shown and edited (Ctrl+PgUp / Ctrl+PgDown)</source>
        <translation>当前显示和编辑的情景（Ctrl+PgUp / Ctrl+PgDown）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="471" />
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
</context>
<context>
    <name>MatchesWidget</name>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge_tables.py" line="171" />
        <source>In the open project</source>
        <translation>当前项目中</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge_tables.py" line="171" />
        <source>In the other file (now the same)</source>
        <translation>其他文件中（现视为同一个）</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="219" />
        <source>Merge Projects</source>
        <extracomment>A run ended and its outcome is shown (tests wait for it). The merge was applied: (the shown scenario as it was before, a label of the files). Asks for files to add / for the ancestor (replace them to answer without a dialog).</extracomment>
        <translation>合并项目</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="220" />
        <source>Other files:</source>
        <translation>其他文件：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="221" />
        <source>Merged into the open project one after another</source>
        <translation>依次合并到当前项目</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="222" />
        <source>&amp;Add Files…</source>
        <translation>添加文件(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="223" />
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="224" />
        <source>Common ancestor:</source>
        <translation>共同祖先：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="225" />
        <source>none — then every differing field is a conflict</source>
        <translation>无——此时每个不同的字段都算冲突</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="226" />
        <source>The file every group started from: a change made by one side only is taken without a conflict</source>
        <translation>各小组开始时共用的文件：只有一方改动的内容直接采用，不算冲突</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="228" />
        <source>C&amp;hoose…</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="229" />
        <source>Clea&amp;r</source>
        <translation>清除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="230" />
        <source>Conflicts keep:</source>
        <translation>冲突默认保留：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="231" />
        <source>the open project's value (base)</source>
        <translation>当前项目的值（基准）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="232" />
        <source>the other file's value</source>
        <translation>其他文件的值</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="233" />
        <source>&amp;Merge</source>
        <translation>合并(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="278" />
        <source>Projects and JSON (*.ecodesk *.json)</source>
        <translation>项目与 JSON (*.ecodesk *.json)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="280" />
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="287" />
        <source>Files to Merge</source>
        <translation>要合并的文件</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="291" />
        <source>Common Ancestor</source>
        <translation>共同祖先</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="317" />
        <source>“{0}” is the open project itself: merging a project with itself changes nothing.</source>
        <translation>“{0}”就是当前打开的项目：项目与自身合并不会改变任何内容。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="322" />
        <source>“{0}” and “{1}” are the same file (or have the same content); add it once.</source>
        <translation>“{0}”与“{1}”是同一个文件（或内容相同）；请只添加一次。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="359" />
        <source>Cannot read “{0}”: {1}</source>
        <translation>无法读取“{0}”：{1}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="361" />
        <source>“{0}” has the same content as the open project: merging it changes nothing.</source>
        <translation>“{0}”与当前项目内容相同：合并不会改变任何内容。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="371" />
        <source>The open project “{0}” is the base: the files below are merged into it, one after another. Nothing changes until you press Merge; then one Undo takes the whole merge back.</source>
        <translation>当前项目“{0}”是基准：下列文件依次合并到其中。按“合并”之前不会有任何改动；合并后一次撤销即可整体退回。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="382" />
        <source>Working out the merge…</source>
        <translation>正在计算合并结果…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="385" />
        <source>Add the files of the other groups (.ecodesk or .json).</source>
        <translation>请添加其他小组的文件（.ecodesk 或 .json）。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="406" />
        <source>Conflicts ({0})</source>
        <translation>冲突（{0}）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="407" />
        <source>Matched by Name ({0})</source>
        <translation>按名称匹配（{0}）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="418" />
        <source>1 scenario</source>
        <translation>1 个情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="418" />
        <source>{0} scenarios</source>
        <translation>{0} 个情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="420" />
        <source>1 note</source>
        <translation>1 个便签</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="420" />
        <source>{0} notes</source>
        <translation>{0} 个便签</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="426" />
        <source>nothing new</source>
        <translation>没有新内容</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="427" />
        <source>Merging adds {0}; {1} matched by name; {2} to decide.</source>
        <translation>合并将新增 {0}；按名称匹配 {1}；待决定 {2}。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="429" />
        <source>1 conflict</source>
        <translation>1 处冲突</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="429" />
        <source>{0} conflicts</source>
        <translation>{0} 处冲突</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="444" />
        <source>(saved views)</source>
        <translation>（已保存的视图）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="446" />
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="446" />
        <source>still there</source>
        <translation>仍然存在</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="448" />
        <source>deleted on one side</source>
        <translation>一方已删除</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="450" />
        <source>One side deleted it while the other changed it or links to it. Keep the side that has it, or the side that deleted it to delete it — unless something kept still links to it: then it stays, so no flow loses an end.</source>
        <translation>一方删除了它，另一方修改了它或仍有连接。可保留仍有它的一方，或选择删除它的一方以删除——但若保留的内容仍连到它，它会留下，使资源流不缺端点。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="464" />
        <source>{0} stays: something kept still links to it, so it cannot be deleted.</source>
        <translation>{0} 保留：仍有保留的内容连到它，因此不能删除。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="494" />
        <source>Nothing to merge: the open project already has everything in these files.</source>
        <translation>没有可合并的内容：当前项目已包含这些文件中的全部内容。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="505" />
        <source>Merged {0} — Edit → Undo takes it back</source>
        <translation>已合并 {0}——“编辑 → 撤销”可退回</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/merge.py" line="549" />
        <source>before the merge</source>
        <translation>合并前</translation>
    </message>
</context>
<context>
    <name>NewFromTemplateDialog</name>
    <message>
        <location filename="../../ecodesk/ui/dialogs/templates.py" line="19" />
        <source>New from Template</source>
        <translation>从模板新建</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/templates.py" line="31" />
        <source>Start from:</source>
        <translation>选择模板：</translation>
    </message>
</context>
<context>
    <name>NoteColorField</name>
    <message>
        <location filename="../../ecodesk/ui/inspector_style.py" line="96" />
        <source>Default colour</source>
        <translation>默认颜色</translation>
    </message>
</context>
<context>
    <name>NoteEditing</name>
    <message>
        <location filename="../../ecodesk/ui/canvas/note_editing.py" line="228" />
        <source>No note added: it was left empty</source>
        <translation>未添加便签：内容为空</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/note_editing.py" line="276" />
        <source>Edit Note Text</source>
        <translation>编辑便签文字</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/canvas/note_editing.py" line="277" />
        <source>Note Colour</source>
        <translation>便签颜色</translation>
    </message>
</context>
<context>
    <name>NotesWindow</name>
    <message>
        <location filename="../../ecodesk/ui/present_parts.py" line="180" />
        <source>Speaker notes — {0}</source>
        <extracomment>Milliseconds the dot stays after the mouse stopped moving.</extracomment>
        <translation>演讲者备注 — {0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/present_parts.py" line="182" />
        <source>(No notes for this slide)</source>
        <translation>（本页没有备注）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/present_parts.py" line="183" />
        <source>Next: {0}</source>
        <translation>下一页：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/present_parts.py" line="184" />
        <source>Last slide</source>
        <translation>最后一页</translation>
    </message>
</context>
<context>
    <name>OptimizeDialog</name>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="205" />
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="287" />
        <source>Optimise Design — {0}</source>
        <extracomment>A design was applied: (name of the scenario it was computed on, name of the new one). A run ended with a result shown (tests wait for it).</extracomment>
        <translation>优化生态设计 — {0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="206" />
        <source>Constraints</source>
        <translation>约束条件</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="208" />
        <source>Keep Selected</source>
        <translation>保留所选</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="209" />
        <source>Keep the capabilities selected on the canvas, or those of the selected entities</source>
        <translation>保留画布上选中的能力，或选中主体拥有的能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="211" />
        <source>Exclude Selected</source>
        <translation>排除所选</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="212" />
        <source>Close the capabilities selected on the canvas, or those of the selected entities</source>
        <translation>关闭画布上选中的能力，或选中主体拥有的能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="214" />
        <source>Clear Marks</source>
        <translation>清除标记</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="215" />
        <source>&amp;Budget for fixed costs:</source>
        <translation>固定成本预算(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="215" />
        <source>&amp;Redundancy r:</source>
        <translation>冗余度 r(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="216" />
        <source>&amp;Time limit:</source>
        <translation>时间限制(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="218" />
        <source>No limit (e.g. 500万, 2M)</source>
        <translation>不限（例如 500万、2M）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="219" />
        <source>The most the kept capabilities' fixed costs may add up to</source>
        <translation>保留能力的固定成本合计不得超过此数</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="220" />
        <source>Every served demand needs r capabilities of its category kept (r − 1 backups)</source>
        <translation>每个被服务的需求都要求其类别保留 r 项能力（r − 1 个备份）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="222" />
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="223" />
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="224" />
        <source>Stop the search after this time and show the best design found, with its gap</source>
        <translation>到时停止搜索，显示已找到的最佳设计及其最优性差距</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="226" />
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="227" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="228" />
        <source>&amp;Apply as New Scenario</source>
        <translation>应用为新情景(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="229" />
        <source>Add the design as a new scenario after this one (undoable) and compare the two</source>
        <translation>将该设计作为新情景添加在当前情景之后（可撤销），并对比两者</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="231" />
        <source>Show on &amp;Canvas</source>
        <translation>在画布上查看(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="232" />
        <source>Shrink this dialog to a small panel beside the difference on the canvas</source>
        <translation>将此对话框缩小为画布上差异旁的小面板</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="233" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="234" />
        <source>Trade-off</source>
        <translation>权衡</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="235" />
        <source>On the canvas: struck red — closed capabilities and flows that go away; dashed green — new or re-pointed capability flows; orange — demands left standalone.</source>
        <translation>画布上：红色划除——关闭的能力和将取消的资源流；绿色虚线——新增或改由他方提供的能力流；橙色——自行解决的需求。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="294" />
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="305" />
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="454" />
        <source>The scenario changed after this run: run again to see its design.</source>
        <translation>本次运行后情景已改变：请重新运行以查看其设计。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="315" />
        <source>Select entities (their capabilities) or capabilities on the canvas first.</source>
        <translation>请先在画布上选择主体（即其能力）或能力。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="327" />
        <source>The budget “{0}” is not an amount: type a number such as 500000, 50万 or 2M.</source>
        <translation>预算“{0}”不是金额：请填写数字，如 500000、50万 或 2M。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="383" />
        <source>The design could not be computed: {0}</source>
        <translation>无法计算该设计：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="387" />
        <source>Cancelled: the design shown (if any) is from the previous run.</source>
        <translation>已取消：所示设计（如有）来自上一次运行。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="429" />
        <source>standalone: {0}</source>
        <translation>自行解决：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="429" />
        <source>own capability: {0}</source>
        <translation>自有能力：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="459" />
        <source>The trade-off could not be computed: {0}</source>
        <translation>无法计算权衡：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize.py" line="463" />
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="124" />
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="124" />
        <source>Share of final demand supplied</source>
        <translation>最终需求的满足比例</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="126" />
        <source>Expected service (Monte Carlo)</source>
        <translation>期望服务水平（蒙特卡洛）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="127" />
        <source>p05 {0} · {1} of trials below {2}</source>
        <translation>p05 {0} · {1} 的试验低于 {2}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="130" />
        <source>{0} trials, seed {1}</source>
        <translation>{0} 次试验，随机种子 {1}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="132" />
        <source>Savings from shared capabilities</source>
        <translation>能力共享带来的节省</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="134" />
        <source>Across 1 capability built once and shared</source>
        <translation>来自 1 项一次建设、多方共享的能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="135" />
        <source>Across {0} capabilities built once and shared</source>
        <translation>来自 {0} 项一次建设、多方共享的能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="138" />
        <source>Total cost together</source>
        <translation>合作总成本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="139" />
        <source>Alone: {0} · {1} saved</source>
        <translation>单干：{0} · 节省 {1}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="141" />
        <source>Together {0} {2} · alone {1} {2}</source>
        <translation>合作 {0} {2} · 单干 {1} {2}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="142" />
        <source>Reuse index</source>
        <translation>复用指数</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="143" />
        <source>Consumers per capability</source>
        <translation>每项能力的使用方数</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="144" />
        <source>Fair split (Shapley)</source>
        <translation>公平分摊（Shapley）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="145" />
        <source>Stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="145" />
        <source>Not stable</source>
        <translation>不稳定</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="148" />
        <source>Single points of failure</source>
        <translation>单点故障</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="151" />
        <source>{0} of them are demand entities whose loss costs only their own demand; the canvas rings the other {1}.</source>
        <translation>其中 {0} 个是需求主体，失去它们只损失其自身的需求；画布上标出其余 {1} 个。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="153" />
        <source>Robustness R (random / targeted)</source>
        <translation>鲁棒性 R（随机 / 定向）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="154" />
        <source>Mean service while partners drop out</source>
        <translation>伙伴逐个退出时的平均服务水平</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="155" />
        <source>Data interoperability</source>
        <translation>数据互通率</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="156" />
        <source>Linked pairs that also exchange data</source>
        <translation>有往来的主体对中同时交换数据的比例</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="157" />
        <source>Cross-industry flows</source>
        <translation>跨行业资源流占比</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="159" />
        <source>Flows between different industries</source>
        <translation>不同行业主体之间的资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="160" />
        <source>Top hub</source>
        <translation>最大枢纽</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="161" />
        <source>{0} of all flows touch it</source>
        <translation>{0} 的资源流经过它</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="163" />
        <source>Unmet needs</source>
        <translation>未满足的需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="164" />
        <source>Built twice: {0} · could save {1}</source>
        <translation>重复建设：{0} 项 · 可节省 {1}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="166" />
        <source>Entities in several ecosystems</source>
        <translation>跨多个生态的主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="170" />
        <source>Entities / flows</source>
        <translation>主体 / 资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="182" />
        <source>{0} beyond their own demand: {1}</source>
        <translation>{0} 个会影响自身需求以外的供给：{1}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/overview_tab.py" line="193" />
        <source>Headline indicators</source>
        <translation>核心指标</translation>
    </message>
</context>
<context>
    <name>ParamsWidget</name>
    <message>
        <location filename="../../ecodesk/ui/panels/params.py" line="103" />
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/params.py" line="103" />
        <source>Random seed: the same seed gives the same results</source>
        <translation>随机种子：相同的种子得到相同的结果</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/params.py" line="104" />
        <source>Trials</source>
        <translation>试验次数</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/params.py" line="104" />
        <source>Monte Carlo trials</source>
        <translation>蒙特卡洛试验次数</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/params.py" line="105" />
        <source>Orders</source>
        <translation>移除顺序数</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/params.py" line="105" />
        <source>Random removal orders of the robustness curve</source>
        <translation>鲁棒性曲线的随机移除顺序数</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/params.py" line="106" />
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/params.py" line="106" />
        <source>Service level below which a Monte Carlo trial counts as a failure</source>
        <translation>服务水平低于此值的蒙特卡洛试验视为失败</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/params.py" line="107" />
        <source>Cascade θ</source>
        <translation>级联 θ</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/params.py" line="107" />
        <source>An entity fails when it loses more than θ of its supply</source>
        <translation>主体失去超过 θ 的供给时随之失效</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/params.py" line="108" />
        <source>Supply flows:</source>
        <translation>供给流：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/params.py" line="108" />
        <source>Flow kinds that carry supply in the resilience analysis</source>
        <translation>韧性分析中承载供给的资源流类型</translation>
    </message>
</context>
<context>
    <name>PoolEditorWidget</name>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="281" />
        <source>Member</source>
        <extracomment>The pool shown in the form changed (argument: pool id, '' for none).</extracomment>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="297" />
        <source>Empty: the member's total flow value ({0}) is used</source>
        <translation>留空：使用该成员的资源流总价值（{0}）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="302" />
        <source>Parameters (empty weight: total flow value)</source>
        <translation>参数（权重留空：按资源流总价值）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="303" />
        <source>Claims on the reserve</source>
        <translation>对准备金的索赔额</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="306" />
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="306" />
        <source>Floor</source>
        <translation>保底额</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="306" />
        <source>Claim</source>
        <translation>索赔额</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="311" />
        <source>Up to (empty: no bound)</source>
        <translation>上限（留空：无上限）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="311" />
        <source>Rate</source>
        <translation>比例</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="382" />
        <source>“{0}” is not a number</source>
        <translation>“{0}”不是数字</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="400" />
        <source>Tiers need numbers</source>
        <translation>分档需要填写数字</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="437" />
        <source>New pool</source>
        <translation>新共享安排</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="453" />
        <source>New Pool</source>
        <translation>新建共享安排</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="454" />
        <source>Add a sharing pool of the entities selected on the canvas</source>
        <translation>为画布上所选主体添加一个共享安排</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="455" />
        <source>Delete Pool</source>
        <translation>删除共享安排</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="456" />
        <source>Add Tier</source>
        <translation>添加分档</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="457" />
        <source>Remove Tier</source>
        <translation>删除分档</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="458" />
        <source>Filter entities…</source>
        <translation>筛选主体…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="459" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="459" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="459" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="460" />
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="460" />
        <source>Scale exponent β</source>
        <translation>规模指数 β</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="460" />
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="461" />
        <source>Tiers</source>
        <translation>分档</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="463" />
        <source>Economies of scale of a cost pool: c(S) = amount·(W_S/W_N)^β; 1 is plain proportional</source>
        <translation>成本分摊的规模经济：c(S) = 金额·(W_S/W_N)^β；取 1 即按比例</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/pool_editor.py" line="465" />
        <source>Sharing pools of this scenario</source>
        <translation>本情景的共享安排</translation>
    </message>
</context>
<context>
    <name>PoolParamsSection</name>
    <message>
        <location filename="../../ecodesk/ui/inspector_pools.py" line="42" />
        <source>Sharing parameters</source>
        <translation>分摊参数</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_pools.py" line="48" />
        <source>Empty weight: the member's total flow value is used. Floors apply to floor-plus-share, claims to reserve pools.</source>
        <translation>权重留空时使用该成员的资源流总价值。保底额用于“保底+分成”，索赔额用于风险准备金。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_pools.py" line="57" />
        <source>Tiered share: weights up to “up to” earn “rate”; leave the last “up to” empty for no bound.</source>
        <translation>阶梯式分成：权重不超过“上限”的部分按“比例”分成；最后一档的“上限”留空表示无上限。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_pools.py" line="66" />
        <source>Add tier</source>
        <translation>添加分档</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_pools.py" line="68" />
        <source>Remove tier</source>
        <translation>删除分档</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_pools.py" line="104" />
        <source>up to</source>
        <translation>上限</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_pools.py" line="104" />
        <source>rate</source>
        <translation>比例</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../ecodesk/ui/dialogs/preferences.py" line="111" />
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/preferences.py" line="112" />
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/preferences.py" line="113" />
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/preferences.py" line="114" />
        <source>The language of menus, dialogs and messages</source>
        <translation>菜单、对话框和提示信息所用的语言</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/preferences.py" line="115" />
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/preferences.py" line="116" />
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/preferences.py" line="116" />
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/preferences.py" line="116" />
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/preferences.py" line="118" />
        <source>Light suits projectors; dark suits long evenings</source>
        <translation>浅色适合投影，深色适合长时间夜间工作</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/preferences.py" line="119" />
        <source>Canvas</source>
        <translation>画布</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/preferences.py" line="120" />
        <source>Show the &amp;grid</source>
        <translation>显示网格(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/preferences.py" line="121" />
        <source>&amp;Snap entities to the grid</source>
        <translation>主体吸附到网格(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/preferences.py" line="122" />
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/preferences.py" line="123" />
        <source>&amp;Autosave every:</source>
        <translation>自动保存间隔(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/preferences.py" line="124" />
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/preferences.py" line="125" />
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/preferences.py" line="126" />
        <source>How often a recovery copy of open projects is written (0 = never)</source>
        <translation>为打开的项目写入恢复副本的频率（0 = 从不）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/preferences.py" line="127" />
        <source>Language and theme change at once when you press OK or Apply.</source>
        <translation>按“确定”或“应用”后，语言和主题立即生效。</translation>
    </message>
</context>
<context>
    <name>PresentWindow</name>
    <message>
        <location filename="../../ecodesk/ui/present.py" line="109" />
        <source>Presentation — ecodesk</source>
        <extracomment>The window's font at 768 pixels of height is this many times the desktop's (more above). Share of the width the analysis tab takes beside the canvas. The Overview tab lays its cards out in columns of 215 pixels whatever the font: at most this wide, its cards stay in two columns, roomy enough for projector fonts. The presenter's notes on a second screen (None with one screen).</extracomment>
        <translation>演示 — ecodesk</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/present.py" line="198" />
        <source>(The view is kept: give it a scenario again with Update in the Views dock.)</source>
        <translation>（视图仍保留：可在“视图”面板中用“更新”重新指定情景。）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/present.py" line="312" />
        <source>Laser pointer on</source>
        <translation>激光笔已开启</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/present.py" line="312" />
        <source>Laser pointer off</source>
        <translation>激光笔已关闭</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/present.py" line="359" />
        <source>No saved views: showing the current view</source>
        <translation>没有已保存的视图：显示当前视图</translation>
    </message>
</context>
<context>
    <name>RangeEditor</name>
    <message>
        <location filename="../../ecodesk/ui/inspector_ranges.py" line="141" />
        <source>Range for uncertainty analysis: the low and high this number may take (the value lies between them)</source>
        <extracomment>The collection each kind of object lives in (RANGE_FIELDS is keyed by collection). Focus leaving for another window or a popup menu: the user has not left the pair.</extracomment>
        <translation>不确定性分析的范围：该数值可能取到的下限和上限（数值本身须在两者之间）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_ranges.py" line="143" />
        <source>low</source>
        <translation>下限</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_ranges.py" line="144" />
        <source>high</source>
        <translation>上限</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_ranges.py" line="145" />
        <source>Remove the range</source>
        <translation>删除范围</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_ranges.py" line="147" />
        <source>Range of {0}</source>
        <translation>{0}的范围</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_ranges.py" line="148" />
        <source>Low end of {0}</source>
        <translation>{0}的下限</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_ranges.py" line="149" />
        <source>High end of {0}</source>
        <translation>{0}的上限</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_ranges.py" line="150" />
        <source>Remove the range of {0}</source>
        <translation>删除{0}的范围</translation>
    </message>
</context>
<context>
    <name>ResilienceTab</name>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="50" />
        <source>Entity</source>
        <translation>主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="50" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="51" />
        <source>Service loss</source>
        <translation>服务损失</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="51" />
        <source>Service lost if this entity fails</source>
        <translation>该主体失效时损失的服务水平</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="54" />
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="57" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="54" />
        <source>Single point of failure</source>
        <translation>单点故障</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="55" />
        <source>Articulation point</source>
        <translation>割点</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="56" />
        <source>Cuts the supply network in two (taken as undirected)</source>
        <translation>会把供给网络切成两部分（按无向图）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="58" />
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="172" />
        <source>Cascade size</source>
        <translation>级联规模</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="58" />
        <source>Entities that fail when it fails (θ cascade)</source>
        <translation>它失效时一同失效的主体数（θ 级联）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="59" />
        <source>Service after cascade</source>
        <translation>级联后的服务水平</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="62" />
        <source>Demand entity</source>
        <translation>需求主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="62" />
        <source>Demand</source>
        <translation>需求量</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="63" />
        <source>Independent supply paths</source>
        <translation>独立供给路径</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="64" />
        <source>Node-disjoint supply paths from the origins (1 = single-sourced)</source>
        <translation>来自源头、互不共享主体的供给路径数（1 = 单一来源）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="65" />
        <source>origin</source>
        <translation>源头</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="68" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="70" />
        <source>Critical entities</source>
        <translation>关键主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="71" />
        <source>Redundancy</source>
        <translation>冗余度</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="72" />
        <source>Robustness</source>
        <translation>鲁棒性</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="73" />
        <source>Monte Carlo</source>
        <translation>蒙特卡洛</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="74" />
        <source>Cascade sizes</source>
        <translation>级联规模</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="82" />
        <source>Critical entities and robustness</source>
        <translation>关键主体与鲁棒性</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="83" />
        <source>Monte Carlo: service when partners and flows fail at random</source>
        <translation>蒙特卡洛：伙伴和资源流随机失效时的服务水平</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="84" />
        <source>Cascades and redundancy</source>
        <translation>级联失效与冗余度</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="96" />
        <source>Fails with it: {0}</source>
        <translation>随之失效：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="100" />
        <source>1 single point of failure</source>
        <translation>单点故障 1 个</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="101" />
        <source>{0} single points of failure</source>
        <translation>单点故障 {0} 个</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="102" />
        <source>1 articulation point</source>
        <translation>割点 1 个</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="102" />
        <source>{0} articulation points</source>
        <translation>割点 {0} 个</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="103" />
        <source>Service level {0} · {1} · {2}</source>
        <translation>服务水平 {0} · {1} · {2}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="116" />
        <source>supplies itself</source>
        <translation>自身即源头</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="118" />
        <source>not supplied</source>
        <translation>无供给</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="120" />
        <source>single-sourced</source>
        <translation>单一来源</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="121" />
        <source>redundant</source>
        <translation>有冗余</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="128" />
        <source>Service as partners drop out</source>
        <translation>伙伴逐个退出时的服务水平</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="128" />
        <source>Entities removed</source>
        <translation>移除的主体数</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="128" />
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="151" />
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="130" />
        <source>No removal candidates.</source>
        <translation>没有可移除的主体。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="134" />
        <source>Random failures (R = {0})</source>
        <translation>随机失效（R = {0}）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="137" />
        <source>Targeted loss (R = {0})</source>
        <translation>定向失去（R = {0}）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="141" />
        <source>Random, p05–p95</source>
        <translation>随机失效 p05–p95</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="143" />
        <source>1 random order; targeted order: by service loss, then degree.</source>
        <translation>1 个随机顺序；定向顺序：按服务损失，其次按连接度。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="144" />
        <source>{0} random orders; targeted order: by service loss, then degree.</source>
        <translation>{0} 个随机顺序；定向顺序：按服务损失，其次按连接度。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="150" />
        <source>Service level over {0} trials</source>
        <translation>{0} 次试验的服务水平分布</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="151" />
        <source>Trials</source>
        <translation>试验次数</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="157" />
        <source>threshold {0}</source>
        <translation>阈值 {0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="159" />
        <source>Expected service {0} · {1} of trials below the threshold {2} · seed {3}</source>
        <translation>期望服务水平 {0} · {1} 的试验低于阈值 {2} · 随机种子 {3}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="167" />
        <source>Largest cascades (θ = {0})</source>
        <translation>最大级联（θ = {0}）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="167" />
        <source>Entities failing</source>
        <translation>失效主体数</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="169" />
        <source>No failure spreads beyond the entity itself.</source>
        <translation>任何失效都不会蔓延到主体自身之外。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/resilience_tab.py" line="173" />
        <source>{0}: {1} fail, service falls to {2}</source>
        <translation>{0}：{1} 个主体失效，服务水平降至 {2}</translation>
    </message>
</context>
<context>
    <name>ResultTableView</name>
    <message>
        <location filename="../../ecodesk/ui/panels/tables.py" line="269" />
        <source>Save Table as CSV</source>
        <extracomment>Colour of a cell: ``fn(row) -&gt; QColor | None`` (background) for one column. Display text override: ``fn(row) -&gt; str``. Whether CSV and the clipboard include the column (not for button columns). The user selected rows (argument: the ids to select in the document).</extracomment>
        <translation>将表格另存为 CSV</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/tables.py" line="270" />
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/tables.py" line="286" />
        <source>Copy Selected Rows</source>
        <translation>复制所选行</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/tables.py" line="288" />
        <source>Copy Table</source>
        <translation>复制表格</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/tables.py" line="290" />
        <source>Save Table as CSV…</source>
        <translation>将表格另存为 CSV…</translation>
    </message>
</context>
<context>
    <name>ReuseTab</name>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="113" />
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="166" />
        <source>Savings by capability</source>
        <translation>各能力的节省额</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="156" />
        <source>Built twice: {0} · unmet needs: {1}</source>
        <translation>重复建设：{0} · 未满足的需求：{1}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="167" />
        <source>Savings: top {0} of {1} capabilities</source>
        <translation>节省额：{1} 项能力中的前 {0} 项</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="86" />
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="172" />
        <source>Savings</source>
        <translation>节省额</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="84" />
        <source>Capability</source>
        <extracomment>Heat map cells: nothing, an unmet need, uses the capability, owns it.</extracomment>
        <translation>能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="84" />
        <source>Owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="84" />
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="95" />
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="104" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="85" />
        <source>Reuse count</source>
        <translation>复用次数</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="85" />
        <source>Distinct consumers (the owner excluded)</source>
        <translation>不同使用方的数量（不含所有者）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="86" />
        <source>What consumers save by sharing</source>
        <translation>使用方因共享而节省的金额</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="89" />
        <source>Amortised fixed cost</source>
        <translation>摊销固定成本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="89" />
        <source>F / max(1, consumers)</source>
        <translation>F / max(1, 使用方数)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="90" />
        <source>Shared cost</source>
        <translation>共享成本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="90" />
        <source>F + Σ u·v: the cost when built once</source>
        <translation>F + Σ u·v：一次建设时的成本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="91" />
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="105" />
        <source>Standalone cost</source>
        <translation>独立获取成本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="91" />
        <source>What consumers would pay alone</source>
        <translation>使用方各自获取时要付的成本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="92" />
        <source>Consumer ecosystems</source>
        <translation>使用方所在生态</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="96" />
        <source>Potential savings</source>
        <translation>潜在节省</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="97" />
        <source>Fixed costs of the capabilities built twice</source>
        <translation>重复建设能力的固定成本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="99" />
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="100" />
        <source>Built again by</source>
        <translation>重复建设方</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="101" />
        <source>Where</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="104" />
        <source>Needing entity</source>
        <translation>需求主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="105" />
        <source>Volume</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="106" />
        <source>Candidate partners</source>
        <translation>候选伙伴</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="107" />
        <source>Partner</source>
        <translation>伙伴</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="110" />
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="123" />
        <source>Capabilities</source>
        <translation>能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="110" />
        <source>Redundancies</source>
        <translation>重复建设</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="111" />
        <source>Unmet needs</source>
        <translation>未满足的需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="114" />
        <source>Coverage</source>
        <translation>覆盖情况</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="124" />
        <source>Coverage: who owns, uses and needs each capability</source>
        <translation>覆盖情况：谁拥有、使用和需要各项能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="125" />
        <source>Built twice, and unmet needs</source>
        <translation>重复建设与未满足的需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="135" />
        <source>Consumers: {0}</source>
        <translation>使用方：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="137" />
        <source>Total savings {0} {1} · reuse index {2}</source>
        <translation>总节省 {0} {1} · 复用指数 {2}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="146" />
        <source>anywhere</source>
        <translation>全局</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="152" />
        <source>nobody offers it yet</source>
        <translation>尚无人提供</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="170" />
        <source>a loss: sharing it costs more than its users would pay alone</source>
        <translation>亏损：共享它比使用方各自单独获取花费更多</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="175" />
        <source>Loss (negative saving)</source>
        <translation>亏损（负节省）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="214" />
        <source>Entity × capability</source>
        <translation>主体 × 能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="219" />
        <source>No capabilities or needs in this scenario yet.</source>
        <translation>本情景中还没有能力或需求。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="225" />
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="229" />
        <source>owns</source>
        <translation>拥有</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="225" />
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="229" />
        <source>uses</source>
        <translation>使用</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="225" />
        <source>needs, nobody provides it</source>
        <translation>需要，但无人提供</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="230" />
        <source>needs (unmet)</source>
        <translation>需要（未满足）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="232" />
        <source>(✕: a category nobody offers)</source>
        <translation>（✕：无人提供的类别）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="244" />
        <source>Draw Flow</source>
        <translation>绘制资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="246" />
        <source>Add a capability flow from the chosen partner's capability of this category to the needing entity (undoable)</source>
        <translation>从所选伙伴的同类能力向需求主体添加一条能力流（可撤销）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/reuse_tab.py" line="267" />
        <source>{0} offers no capability of category “{1}” any more</source>
        <translation>{0} 已不再提供“{1}”类能力</translation>
    </message>
</context>
<context>
    <name>ScenarioOps</name>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="286" />
        <source>Scenario “{0}”</source>
        <extracomment>Window attribute → menu path of the registry.</extracomment>
        <translation>情景“{0}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="50" />
        <source>Scenario</source>
        <translation>情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="48" />
        <source>New Scenario</source>
        <translation>新建情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="49" />
        <source>Name of the new scenario:</source>
        <translation>新情景的名称：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="56" />
        <location filename="../../ecodesk/ui/scenarioops.py" line="106" />
        <source>Cannot add the scenario</source>
        <translation>无法添加情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="65" />
        <source>{0} (copy)</source>
        <translation>{0}（副本）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="94" />
        <source>Apply as New Scenario</source>
        <translation>应用为新情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="95" />
        <source>Name of the new scenario (the optimised design of “{0}”):</source>
        <translation>新情景名称（“{0}”的优化设计）：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="97" />
        <source>Optimised design</source>
        <translation>优化方案</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="130" />
        <source>Scenario not changed</source>
        <translation>情景未更改</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="116" />
        <source>Rename Scenario</source>
        <translation>重命名情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="117" />
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <location filename="../../ecodesk/ui/panels/section.py" line="79" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/section.py" line="80" />
        <source>Copy or save this section's tables and charts</source>
        <translation>复制或保存本部分的表格和图表</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/section.py" line="116" />
        <source>Copy Table “{0}”</source>
        <translation>复制表格“{0}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/section.py" line="118" />
        <source>Save Table “{0}” as CSV…</source>
        <translation>将表格“{0}”另存为 CSV…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/section.py" line="123" />
        <source>Save Chart “{0}” as PNG…</source>
        <translation>将图表“{0}”另存为 PNG…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/section.py" line="124" />
        <source>Save Chart “{0}” as SVG…</source>
        <translation>将图表“{0}”另存为 SVG…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/section.py" line="125" />
        <source>Copy Chart “{0}”</source>
        <translation>复制图表“{0}”</translation>
    </message>
</context>
<context>
    <name>SensitivityTab</name>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="285" />
        <source>Pick a metric from the list (type a part of its name to search).</source>
        <extracomment>Metrics offered first when the list opens (the first one present is chosen). Rows the tornado shows at most (the engine's ``top``). A bar of the tornado was clicked (argument: the row's object id). Process-pool workers for the sweeps (None: all local cores).</extracomment>
        <translation>请从列表中选择一个指标（输入名称的一部分即可搜索）。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="296" />
        <source>“{0}” is not a change between 0 % and 100 %: type it like 20%.</source>
        <translation>“{0}”不是 0 % 到 100 % 之间的变动幅度：请按 20% 这样的格式输入。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="301" />
        <source>Choose at least one input field.</source>
        <translation>请至少选择一个输入字段。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="330" />
        <source>The seed must be a whole number of 0 or more, not “{0}”.</source>
        <translation>随机种子必须是不小于 0 的整数，而不是“{0}”。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="359" />
        <source>Running… {0} %</source>
        <translation>正在运行… {0} %</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="361" />
        <source>Could not run: {0}</source>
        <translation>无法运行：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="363" />
        <source>Cancelled. The last result stays.</source>
        <translation>已取消。上一次的结果仍保留。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="364" />
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="368" />
        <source>Out of date: the model changed — press Run to recompute.</source>
        <translation>结果已过期：模型已更改——点击“运行”重新计算。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="371" />
        <source>Up to date · computed in {0} s</source>
        <translation>已是最新 · 用时 {0} 秒</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="376" />
        <source>Press Run: each input is lowered and raised by p, one at a time.</source>
        <translation>点击“运行”：逐一将每个输入下调和上调 p。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="380" />
        <source>Press Run: every ranged number is drawn from its range, again and again.</source>
        <translation>点击“运行”：每个设定了范围的数值都会在其范围内反复抽样。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="386" />
        <source>project's ({0})</source>
        <translation>项目设置（{0}）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="440" />
        <source>Metric:</source>
        <translation>指标：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="441" />
        <source>The figure whose sensitivity and uncertainty are shown; type to search</source>
        <translation>要查看敏感性与不确定性的数值；输入文字即可搜索</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="442" />
        <source>Sensitivity: which inputs move the metric most</source>
        <translation>敏感性：哪些输入对指标影响最大</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="443" />
        <source>Uncertainty: how sure is the metric</source>
        <translation>不确定性：指标有多可靠</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="444" />
        <source>Change each input by ±</source>
        <translation>每个输入变动 ±</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="445" />
        <source>How far each input is lowered and raised, e.g. 20%</source>
        <translation>每个输入下调和上调的幅度，例如 20%</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="447" />
        <source>Samples:</source>
        <translation>样本数：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="448" />
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="449" />
        <source>Empty: the project's seed (Analysis parameters)</source>
        <translation>留空：使用项目的随机种子（分析参数）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="451" />
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="452" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="454" />
        <source>No number in this scenario has a range yet, so there is nothing uncertain to sample. Select an entity, capability, flow, need or pool, press “±” beside a number in the inspector and enter its low and high values; then press Run.</source>
        <translation>本情景中还没有任何数值设定了取值范围，因此没有可抽样的不确定性。请选中一个主体、能力、资源流、需求或共享安排，在检查器中点击数值旁的“±”，输入其下限和上限，然后点击“运行”。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="467" />
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="467" />
        <source>Value</source>
        <translation>取值</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="468" />
        <source>Low</source>
        <translation>下调后</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="468" />
        <source>The input lowered by p (risks stay within 0–1)</source>
        <translation>下调 p 后的输入（风险保持在 0–1 之内）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="469" />
        <source>High</source>
        <translation>上调后</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="469" />
        <source>The input raised by p (risks stay within 0–1)</source>
        <translation>上调 p 后的输入（风险保持在 0–1 之内）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="470" />
        <source>Metric at low</source>
        <translation>下调时的指标</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="471" />
        <source>Metric at high</source>
        <translation>上调时的指标</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="472" />
        <source>Swing</source>
        <translation>波动幅度</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="472" />
        <source>|metric at high − metric at low|</source>
        <translation>|上调时的指标 − 下调时的指标|</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="474" />
        <source>Sensitivity</source>
        <translation>敏感性</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="475" />
        <source>Tornado</source>
        <translation>龙卷风图</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="476" />
        <source>Uncertainty histogram</source>
        <translation>不确定性直方图</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sensitivity_tab.py" line="477" />
        <source>Better off than alone</source>
        <translation>优于单干</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../ecodesk/ui/dialogs/shortcuts.py" line="23" />
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/shortcuts.py" line="28" />
        <source>Next / previous field</source>
        <translation>下一个 / 上一个字段</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/shortcuts.py" line="29" />
        <source>Open a menu</source>
        <translation>打开菜单</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/shortcuts.py" line="29" />
        <source>Alt + the underlined letter</source>
        <translation>Alt + 带下划线的字母</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/shortcuts.py" line="30" />
        <source>Cancel a drag or a tool</source>
        <translation>取消拖动或当前工具</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/shortcuts.py" line="32" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/shortcuts.py" line="32" />
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>SizeField</name>
    <message>
        <location filename="../../ecodesk/ui/inspector_style.py" line="52" />
        <source>Drawing size of the entity on the canvas, from 25 % to 400 % (type 150% or 1.5)</source>
        <translation>主体在画布上的绘制大小，25% 到 400%（可输入 150% 或 1.5）</translation>
    </message>
</context>
<context>
    <name>StaleOverlay</name>
    <message>
        <location filename="../../ecodesk/ui/panels/section.py" line="227" />
        <source>Out of date</source>
        <translation>已过期</translation>
    </message>
</context>
<context>
    <name>SweepDrawing</name>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_views.py" line="120" />
        <source>Tornado chart</source>
        <extracomment>The room the tornado's names were fitted into (redrawn when the chart's width asks for other).</extracomment>
        <translation>龙卷风图</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_views.py" line="132" />
        <source>{0}: {1} → {2}, {3} → {4} (swing {5})</source>
        <translation>{0}：{1} → {2}，{3} → {4}（波动 {5}）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_views.py" line="141" />
        <source>Input lowered by {0}</source>
        <translation>输入下调 {0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_views.py" line="142" />
        <source>Input raised by {0}</source>
        <translation>输入上调 {0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_views.py" line="143" />
        <source>base {0}</source>
        <translation>基准 {0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_views.py" line="145" />
        <source>No input of the chosen fields changes this metric (inputs of 0 are skipped).</source>
        <translation>所选字段中没有任何输入会改变此指标（取值为 0 的输入不参与）。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_views.py" line="148" />
        <source>{0} inputs</source>
        <translation>{0} 个输入</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_views.py" line="149" />
        <source>the {0} of {1} inputs that move it most</source>
        <translation>{1} 个输入中影响最大的 {0} 个</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_views.py" line="150" />
        <source>{0} · base {1} · p = {2}</source>
        <translation>{0} · 基准 {1} · p = {2}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_views.py" line="159" />
        <source>{0} over {1} samples</source>
        <translation>{0}（{1} 个样本）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_views.py" line="159" />
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_views.py" line="163" />
        <source>mean {0}</source>
        <translation>均值 {0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_views.py" line="166" />
        <source>{0} ranged numbers · mean {1} · p05 {2} · p50 {3} · p95 {4} · seed {5}</source>
        <translation>{0} 个设定范围的数值 · 均值 {1} · p05 {2} · p50 {3} · p95 {4} · 随机种子 {5}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_views.py" line="170" />
        <source>Better off than alone, share of cases</source>
        <translation>优于单干的样本比例</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_views.py" line="170" />
        <source>Share of samples</source>
        <translation>样本占比</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_views.py" line="172" />
        <source>No partner shares a capability: there is no cost game to be better off in.</source>
        <translation>没有伙伴共享能力：不存在可从中获益的成本博弈。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_views.py" line="175" />
        <source>Better off than alone</source>
        <translation>优于单干</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/sweep_views.py" line="176" />
        <source>{0}: better off than alone in {1} of cases</source>
        <translation>{0}：{1} 的情形下优于单干</translation>
    </message>
</context>
<context>
    <name>TableImportDialog</name>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="93" />
        <source>Import Node and Edge Tables</source>
        <extracomment>Problems listed in the dialog (the rest are counted). Tables of up to this many rows (nodes and edges together) are checked at once after each change; bigger ones in the background (a check builds the whole project: seconds for 50,000 rows). The rows of a big table checked at once, before the whole table is. The place of a located problem after its table's label (the engine's en and zh forms).</extracomment>
        <translation>导入节点表和边表</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="105" />
        <source>Choose the node table, the edge table or both. Check the role of each column above the preview; nothing is imported until you press Import.</source>
        <extracomment>Per kind: the file, the sheet (workbooks) and the sheets of the workbook.</extracomment>
        <translation>请选择节点表、边表或两者。在预览上方检查每一列的用途；按“导入”之前不会导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="116" />
        <source>&amp;Node table:</source>
        <translation>节点表(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="116" />
        <source>&amp;Edge table:</source>
        <translation>边表(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="124" />
        <source>The sheet of the workbook that holds this table</source>
        <translation>工作簿中存放此表的工作表</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="127" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="131" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="133" />
        <source>Import without this table</source>
        <translation>不导入此表</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="157" />
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="160" />
        <source>Double-click a problem (or press Enter) to see its row in the preview</source>
        <translation>双击某个问题（或按 Enter）可在预览中查看其所在行</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="166" />
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="167" />
        <source>Reset to &amp;Guess</source>
        <translation>恢复为推测(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="169" />
        <source>Give every column the role ecodesk guessed from its name</source>
        <translation>让每一列恢复为 ecodesk 根据列名推测的用途</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="247" />
        <source>Node Table</source>
        <translation>节点表</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="247" />
        <source>Edge Table</source>
        <translation>边表</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="249" />
        <source>Tables (*.csv *.xlsx);;All files (*)</source>
        <translation>表格 (*.csv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="277" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="290" />
        <source>Nodes: {0}</source>
        <translation>节点：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="290" />
        <source>Nodes (none)</source>
        <translation>节点（无）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="292" />
        <source>Edges: {0}</source>
        <translation>边：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="292" />
        <source>Edges (none)</source>
        <translation>边（无）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="297" />
        <source>No node or edge table was recognised in it: a table needs a header row.</source>
        <translation>其中没有识别出节点表或边表：表格需要有标题行。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="298" />
        <source>Cannot read “{0}”</source>
        <translation>无法读取“{0}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="362" />
        <source>… and {0} more</source>
        <translation>……另有 {0} 条</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="369" />
        <source>Choose a node table or an edge table (an edge table alone is enough: its ends become the entities).</source>
        <translation>请选择节点表或边表（只有边表也可以：边的两端会成为主体）。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="372" />
        <source>Checking all {0} rows…</source>
        <translation>正在检查全部 {0} 行…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="374" />
        <source>Cannot import yet — {0}. Change the roles of the columns or correct the file:</source>
        <translation>暂时无法导入——{0}。请修改列的用途或更正文件：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="377" />
        <source>Ready to import: {0}.</source>
        <translation>可以导入：{0}。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="400" />
        <source>1 problem</source>
        <translation>1 个问题</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="400" />
        <source>{0} problems</source>
        <translation>{0} 个问题</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="417" />
        <source>1 self-loop left out</source>
        <translation>略去 1 条自环</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_import.py" line="418" />
        <source>{0} self-loops left out</source>
        <translation>略去 {0} 条自环</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="38" />
        <source>Id</source>
        <extracomment>Rows shown in the preview (the whole table is checked). Every role → its readable name (context ``TableImportDialog``).</extracomment>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="39" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="40" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="41" />
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="42" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="43" />
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="44" />
        <source>Ecosystems</source>
        <translation>所属生态</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="45" />
        <source>Demand</source>
        <translation>需求量</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="46" />
        <source>Volume</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="47" />
        <source>Unit value</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="48" />
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="49" />
        <source>Revenue</source>
        <translation>收入</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="50" />
        <source>Capability</source>
        <translation>能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="51" />
        <source>Standalone cost</source>
        <translation>独立获取成本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="52" />
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="53" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="54" />
        <source>X position</source>
        <translation>X 坐标</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="55" />
        <source>Y position</source>
        <translation>Y 坐标</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="56" />
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="57" />
        <source>Keep in notes</source>
        <translation>保留到备注</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="58" />
        <source>Leave out</source>
        <translation>不导入</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="63" />
        <source>The row's identifier; edges refer to nodes by it</source>
        <extracomment>What a role does, shown as the tooltip of its entry.</extracomment>
        <translation>该行的标识；边通过它引用节点</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="64" />
        <source>The text becomes the notes of the object</source>
        <translation>文本成为对象的备注</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="65" />
        <source>Kept in the notes as “column: value”</source>
        <translation>以“列名: 值”的形式保留在备注中</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="66" />
        <source>The column is not imported</source>
        <translation>不导入此列</translation>
    </message>
</context>
<context>
    <name>TablePreviewWidget</name>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="131" />
        <source>The role of the column the cursor is in (←/→ in the grid choose the column)</source>
        <translation>光标所在列的用途（在表格中用 ←/→ 选择列）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="158" />
        <source>Role</source>
        <translation>用途</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="162" />
        <source>Role of column {0}</source>
        <translation>列 {0} 的用途</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="184" />
        <source>Showing the first {0} of {1} rows</source>
        <translation>显示 {1} 行中的前 {0} 行</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="186" />
        <source>The roles are the ones you chose last time for these columns (“Reset to Guess” goes back to the guess).</source>
        <translation>这些列的用途沿用您上次的选择（“恢复为推测”可回到推测结果）。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="277" />
        <source>&amp;Role of column “{0}”:</source>
        <translation>列“{0}”的用途(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/table_preview.py" line="278" />
        <source>&amp;Role of column:</source>
        <translation>列的用途(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>TablesWidget</name>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="365" />
        <source>Entities</source>
        <translation>主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="365" />
        <source>Flows</source>
        <translation>资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="365" />
        <source>Capabilities</source>
        <translation>能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="366" />
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="366" />
        <source>Pools</source>
        <translation>共享安排</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="366" />
        <source>Ecosystems</source>
        <translation>生态</translation>
    </message>
</context>
<context>
    <name>TradeoffWidget</name>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="291" />
        <source>What resilience costs: the least-cost design when every served demand must have 1, 2 or 3 capabilities of its kind kept (r − 1 backups), with that design's expected service and robustness against targeted loss.</source>
        <translation>韧性的代价：要求每个被服务的需求保留 1、2 或 3 项同类能力（r − 1 个备份）时的最低成本设计，以及该设计的期望服务水平和面对定向失去的鲁棒性。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="294" />
        <source>Compare r = 1, 2, 3</source>
        <translation>比较 r = 1、2、3</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="295" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="297" />
        <source>Redundancy r</source>
        <translation>冗余度 r</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="297" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="298" />
        <source>Optimal cost</source>
        <translation>最优成本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="299" />
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="332" />
        <source>Expected service</source>
        <translation>期望服务水平</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="300" />
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="334" />
        <source>Targeted robustness</source>
        <translation>定向鲁棒性</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="302" />
        <source>Price of resilience</source>
        <translation>韧性的代价</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="319" />
        <source>Optimal</source>
        <translation>最优</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="319" />
        <source>Infeasible</source>
        <translation>不可行</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="320" />
        <source>Time limit</source>
        <translation>时间限制</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="324" />
        <source>Cost against resilience</source>
        <translation>成本与韧性</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="324" />
        <source>Optimal cost ({0})</source>
        <translation>最优成本（{0}）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/optimize_result.py" line="325" />
        <source>Share of demand served</source>
        <translation>被服务需求占比</translation>
    </message>
</context>
<context>
    <name>TransferOps</name>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="193" />
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="194" />
        <source>Open JSON, CSV, GraphML, GEXF, Kumu or GML data as a new project</source>
        <translation>将 JSON、CSV、GraphML、GEXF、Kumu 或 GML 数据打开为新项目</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="196" />
        <source>Import CSV &amp;Folder…</source>
        <translation>导入 CSV 文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="197" />
        <source>Open a folder of CSV tables as a new project</source>
        <translation>将一个 CSV 表格文件夹打开为新项目</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="199" />
        <source>Import Node and Edge Ta&amp;bles…</source>
        <translation>导入节点表和边表(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="200" />
        <source>Open node and edge tables of another tool (CSV or Excel) as a new project, choosing the role of each column</source>
        <translation>将其他工具的节点表和边表（CSV 或 Excel）作为新项目打开，并选择每一列的用途</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="203" />
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="204" />
        <source>Save the project as JSON, CSV, GraphML, GEXF or Kumu, or the canvas as a picture</source>
        <translation>将项目导出为 JSON、CSV、GraphML、GEXF 或 Kumu，或将画布导出为图片</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="207" />
        <source>Export &amp;Picture…</source>
        <translation>导出图片(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="208" />
        <source>Save the canvas (or the selection) as PNG, SVG or PDF</source>
        <translation>将画布（或所选内容）保存为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="210" />
        <source>Export &amp;Report…</source>
        <translation>导出报告(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="211" />
        <source>Analyse the shown scenario and save an HTML report with tables and charts</source>
        <translation>分析当前情景，并保存含表格与图表的 HTML 报告</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="213" />
        <source>Export &amp;Slides…</source>
        <translation>导出幻灯片(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/action_specs.py" line="214" />
        <source>Save the saved views as a PDF slide deck: one page per view with its canvas, analysis card and notes</source>
        <translation>将保存的视图导出为 PDF 幻灯片：每个视图一页，含画布、分析卡片和讲稿</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/transfer.py" line="71" />
        <source>Import</source>
        <extracomment>The look of the canvas for pictures: (its scene or None, its legend sections or None). Set by the window: how the canvas looks, so pictures look the same. Set by the window: the analysis panel, whose runner and cache make the report. The last report started (a ``ReportJob``), None before the first.</extracomment>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/transfer.py" line="81" />
        <source>Import CSV Folder</source>
        <translation>导入 CSV 文件夹</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/transfer.py" line="105" />
        <source>Import Node and Edge Tables</source>
        <translation>导入节点表和边表</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/transfer.py" line="107" />
        <source>Node and edge tables (*.csv *.xlsx);;All files (*)</source>
        <translation>节点表和边表 (*.csv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/transfer.py" line="141" />
        <source>Base</source>
        <translation>基准</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/transfer.py" line="145" />
        <source>Imported “{0}” — save it as a project file to keep it</source>
        <translation>已导入“{0}”——请另存为项目文件以保留</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/transfer.py" line="159" />
        <source>Imported “{0}”</source>
        <translation>已导入“{0}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/transfer.py" line="160" />
        <source>Please note:</source>
        <translation>请注意：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/transfer.py" line="129" />
        <source>Cannot import “{0}”</source>
        <translation>无法导入“{0}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/transfer.py" line="130" />
        <source>Nothing was imported; the project you had open is unchanged.</source>
        <translation>未导入任何内容；当前打开的项目保持不变。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/prompter.py" line="111" />
        <source>… and {0} more (see Details)</source>
        <translation>…… 另有 {0} 个问题（见详细信息）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/transfer.py" line="173" />
        <source>Export Picture</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/transfer.py" line="174" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/transfer.py" line="223" />
        <source>Export as {0}</source>
        <translation>导出为 {0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/transfer.py" line="224" />
        <source>{0} cannot hold all of this project. Export anyway?</source>
        <translation>{0} 无法保存此项目的全部内容。仍要导出吗？</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/transfer.py" line="226" />
        <source>Export &amp;Anyway</source>
        <translation>仍然导出(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/transfer.py" line="263" />
        <source>Exported scenario “{0}” to “{1}”</source>
        <translation>已将情景“{0}”导出到“{1}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/transfer.py" line="266" />
        <source>Exported to “{0}”</source>
        <translation>已导出到“{0}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/transfer.py" line="269" />
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/reportexport.py" line="150" />
        <location filename="../../ecodesk/ui/transfer.py" line="273" />
        <source>Cannot export to “{0}”</source>
        <translation>无法导出到“{0}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/reportexport.py" line="153" />
        <location filename="../../ecodesk/ui/transfer.py" line="275" />
        <source>Nothing was written; your project is unchanged.</source>
        <translation>未写入任何文件；项目保持不变。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/transfer.py" line="284" />
        <source>Export Report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/reportexport.py" line="75" />
        <source>Analysing “{0}” for the report…</source>
        <extracomment>Texts keep the translation context they had in the main window's export code ("TransferOps"). The outcome once finished: ok and the message (also sent by ``finished``).</extracomment>
        <translation>正在为报告分析“{0}”…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/reportexport.py" line="95" />
        <location filename="../../ecodesk/ui/reportexport.py" line="112" />
        <source>Report cancelled; nothing was written</source>
        <translation>已取消报告，未写入任何文件</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/reportexport.py" line="137" />
        <source>Report saved to “{0}”</source>
        <translation>报告已保存到“{0}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/slides_action.py" line="61" />
        <location filename="../../ecodesk/ui/slides_action.py" line="172" />
        <location filename="../../ecodesk/ui/slides_action.py" line="218" />
        <location filename="../../ecodesk/ui/slides_action.py" line="326" />
        <source>Export Slides</source>
        <extracomment>Characters a file name may not hold on some system.</extracomment>
        <translation>导出幻灯片</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/slides_action.py" line="67" />
        <source>Slides (PDF) (*.pdf)</source>
        <translation>幻灯片（PDF） (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/slides_action.py" line="169" />
        <source>Analysing the scenarios of the slides…</source>
        <extracomment>the project's scenarios and their revisions when the export started</extracomment>
        <translation>正在分析幻灯片所需的情景…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/slides_action.py" line="170" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/slides_action.py" line="203" />
        <source>Export Slides cancelled: nothing was written.</source>
        <translation>已取消导出幻灯片：未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/slides_action.py" line="214" />
        <location filename="../../ecodesk/ui/slides_action.py" line="297" />
        <source>The slides could not be made: {0}</source>
        <translation>无法生成幻灯片：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/slides_action.py" line="237" />
        <source>The project changed while the slides were being prepared, so nothing was written; export them again.</source>
        <translation>准备幻灯片期间项目已更改，因此未写入任何文件；请重新导出。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/slides_action.py" line="288" />
        <source>Drawing slide {0} of {1}…</source>
        <translation>正在绘制第 {0} 页幻灯片（共 {1} 页）…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/slides_action.py" line="322" />
        <source>Slides saved to “{0}”</source>
        <translation>幻灯片已保存到“{0}”</translation>
    </message>
</context>
<context>
    <name>ViewListModel</name>
    <message>
        <location filename="../../ecodesk/ui/views_model.py" line="85" />
        <source>(untitled)</source>
        <extracomment>A role giving the view's id. True for a view whose scenario was deleted.</extracomment>
        <translation>（无标题）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_model.py" line="86" />
        <source>(scenario deleted)</source>
        <translation>（情景已删除）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_model.py" line="91" />
        <source>Scenario: {0}</source>
        <translation>情景：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_model.py" line="93" />
        <source>The scenario of this view was deleted: Go To and Present say so instead of showing it. Update the view to give it the shown scenario.</source>
        <translation>此视图的情景已被删除：转到和演示时会给出提示而不显示它。更新该视图即可让它使用当前显示的情景。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_model.py" line="96" />
        <source>Notes: {0}</source>
        <translation>备注：{0}</translation>
    </message>
</context>
<context>
    <name>ViewsPanel</name>
    <message>
        <location filename="../../ecodesk/ui/views_apply.py" line="43" />
        <source>The scenario “{0}” of view “{1}” was deleted</source>
        <extracomment>Colour modes drawn from an analysis result (the others need none).</extracomment>
        <translation>视图“{1}”的情景“{0}”已被删除</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="107" />
        <source>&amp;Add Current View</source>
        <translation>添加当前视图(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="107" />
        <source>Save what the canvas shows now as a new view</source>
        <translation>将画布当前显示的内容保存为新视图</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="108" />
        <source>&amp;Update</source>
        <translation>更新(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="108" />
        <source>Save what the canvas shows now into the selected view</source>
        <translation>将画布当前显示的内容保存到所选视图</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="109" />
        <source>&amp;Go To</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="109" />
        <source>Show the selected view (double-click, Enter)</source>
        <translation>显示所选视图（双击或按 Enter）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="110" />
        <source>Re&amp;name</source>
        <translation>重命名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="110" />
        <source>Rename the selected view (F2)</source>
        <translation>重命名所选视图（F2）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="111" />
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="111" />
        <source>Delete the selected view (undoable)</source>
        <translation>删除所选视图（可撤销）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="112" />
        <source>&amp;Present</source>
        <translation>演示(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="112" />
        <source>Present the views full screen from the selected one (F5 presents from the first)</source>
        <translation>从所选视图开始全屏演示（F5 从第一个开始）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="114" />
        <source>Move &amp;Up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="114" />
        <source>Show the selected view earlier</source>
        <translation>将所选视图提前</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="115" />
        <source>Move Do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="115" />
        <source>Show the selected view later</source>
        <translation>将所选视图推后</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="120" />
        <source>Speaker &amp;notes (not shown to the audience):</source>
        <translation>演讲者备注（观众看不到）(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="121" />
        <source>What to say on this slide</source>
        <translation>这一页要讲的内容</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="122" />
        <source>The slides of the presentation, in order: drag to reorder</source>
        <translation>演示的各页（按顺序）：拖动可调整顺序</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="125" />
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="203" />
        <source>View {0}</source>
        <translation>视图 {0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="209" />
        <source>Saved the current view as “{0}”</source>
        <translation>已将当前视图保存为“{0}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/views_dock.py" line="226" />
        <source>Updated “{0}” with what the canvas shows now</source>
        <translation>已用画布当前显示的内容更新“{0}”</translation>
    </message>
</context>
<context>
    <name>WhatIfDialog</name>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="84" />
        <source>What if {0} leaves?</source>
        <extracomment>A service change smaller than this is no change (float noise). The user asked to make the what-if a scenario (argument: the entity id).</extracomment>
        <translation>假如{0}退出？</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="87" />
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="105" />
        <source>Cost sharing before and after</source>
        <translation>退出前后的成本分摊</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="106" />
        <source>The model is not changed: the figures come from a copy of the scenario.</source>
        <translation>模型不会被修改：这些数字来自情景的副本。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="110" />
        <source>Remove It in a New Scenario</source>
        <translation>在新情景中移除它</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="112" />
        <source>Add a copy of this scenario without {0} and show it (undoable)</source>
        <translation>添加不含{0}的情景副本并切换过去（可撤销）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="129" />
        <source>The what-if could not be computed: {0}</source>
        <translation>无法计算假设分析：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="145" />
        <source>Capabilities lost: {0}.</source>
        <translation>失去的能力：{0}。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="145" />
        <source>It provides no capability to others.</source>
        <translation>它不向其他主体提供能力。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="148" />
        <source>New unmet needs: {0}.</source>
        <translation>新增未满足的需求：{0}。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="151" />
        <source>It leaves the pools: {0}.</source>
        <translation>它将退出共享安排：{0}。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="153" />
        <source>Cost sharing: total cost together {0} → {1} {4}; savings {2} → {3} {4}.</source>
        <translation>成本分摊：合作总成本 {0} → {1} {4}；节省额 {2} → {3} {4}。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="157" />
        <source>Partner</source>
        <translation>伙伴</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="157" />
        <source>Fair share before</source>
        <translation>退出前公平分摊</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="158" />
        <source>Fair share after</source>
        <translation>退出后公平分摊</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="159" />
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="162" />
        <source>Savings before</source>
        <translation>退出前节省额</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="163" />
        <source>Savings after</source>
        <translation>退出后节省额</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="175" />
        <source>If {0} fails or leaves, a chain reaction can bring service down to {1}.</source>
        <translation>若{0}失效或退出，连锁反应可使服务水平降至 {1}。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="178" />
        <source>If {0} fails or leaves, service falls to {1}.</source>
        <translation>若{0}失效或退出，服务水平降至 {1}。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="179" />
        <source>If {0} fails or leaves, service stays at {1}.</source>
        <translation>若{0}失效或退出，服务水平保持在 {1}。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="184" />
        <source>Its exit alone: service level falls from {0} to {1} (−{2} points).</source>
        <translation>仅它退出：服务水平从 {0} 降至 {1}（−{2} 个百分点）。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="186" />
        <source>Its exit alone leaves service at {0}: every final demand still has another supply path.</source>
        <translation>仅它退出时服务水平仍为 {0}：每项最终需求都还有其他供应路径。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="193" />
        <source>Chain reaction: no other entity loses more than {0} of its incoming supply, so none fails.</source>
        <translation>连锁反应：没有其他主体失去超过 {0} 的来料供应，因此无一失效。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="196" />
        <source>Chain reaction: a partner that loses more than {0} of its incoming supply fails too — 1 more entity fails ({1}). Service then: {2}.</source>
        <translation>连锁反应：失去超过 {0} 来料供应的伙伴也会失效——另有 1 个主体失效（{1}）。此时服务水平：{2}。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/panels/whatif.py" line="199" />
        <source>Chain reaction: partners that lose more than {0} of their incoming supply fail too — {1} more entities fail ({2}). Service then: {3}.</source>
        <translation>连锁反应：失去超过 {0} 来料供应的伙伴也会失效——另有 {1} 个主体失效（{2}）。此时服务水平：{3}。</translation>
    </message>
</context>
<context>
    <name>commands</name>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="92" />
        <source>Add {what} '{name}'</source>
        <translation>添加{what}“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="122" />
        <source>Remove {what} '{name}'</source>
        <translation>删除{what}“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="98" />
        <source>Change {what} '{name}'</source>
        <translation>修改{what}“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="111" />
        <source>Move entity</source>
        <translation>移动主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="114" />
        <source>Move {n} entities</source>
        <translation>移动 {n} 个主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="90" />
        <source>Add scenario '{name}'</source>
        <translation>添加情景“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="120" />
        <source>Remove scenario '{name}'</source>
        <translation>删除情景“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="123" />
        <source>Rename scenario '{old}' to '{new}'</source>
        <translation>将情景“{old}”重命名为“{new}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="103" />
        <source>Duplicate scenario '{name}'</source>
        <translation>复制情景“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="95" />
        <source>Change project settings</source>
        <translation>修改项目设置</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="121" />
        <source>Remove {n} objects</source>
        <translation>删除 {n} 个对象</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="88" />
        <source>Add '{name}' to ecosystem '{eco}'</source>
        <translation>将“{name}”加入生态“{eco}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="119" />
        <source>Remove '{name}' from ecosystem '{eco}'</source>
        <translation>将“{name}”移出生态“{eco}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="87" />
        <source>Add '{entity}' to pool '{name}'</source>
        <translation>将“{entity}”加入共享安排“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="118" />
        <source>Remove '{entity}' from pool '{name}'</source>
        <translation>将“{entity}”移出共享安排“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="117" />
        <source>Paste {n} entities</source>
        <translation>粘贴 {n} 个主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="89" />
        <source>Add note</source>
        <translation>添加便签</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="91" />
        <source>Add view '{name}'</source>
        <translation>添加视图“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="94" />
        <source>Change analysis parameters</source>
        <translation>更改分析参数</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="96" />
        <source>Change view '{name}'</source>
        <translation>修改视图“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="99" />
        <source>Colour {n} notes</source>
        <translation>为 {n} 张便签设置颜色</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="100" />
        <source>Cut</source>
        <translation>剪切</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="101" />
        <source>Delete view '{name}'</source>
        <translation>删除视图“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="104" />
        <source>Duplicate {n} entities</source>
        <translation>为 {n} 个主体创建副本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="105" />
        <source>Edit note</source>
        <translation>编辑便签</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="106" />
        <source>Edit the notes of view '{name}'</source>
        <translation>编辑视图“{name}”的讲稿</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="109" />
        <source>Meet the need of '{target}' for '{category}'</source>
        <translation>满足“{target}”对“{category}”的需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="110" />
        <source>Merge {files}</source>
        <translation>合并 {files}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="112" />
        <source>Move note</source>
        <translation>移动便签</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="113" />
        <source>Move view '{name}'</source>
        <translation>移动视图“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="115" />
        <source>Move {n} objects</source>
        <translation>移动 {n} 个对象</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="116" />
        <source>New scenario '{scenario}' without '{name}'</source>
        <translation>新建不含“{name}”的情景“{scenario}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="124" />
        <source>Rename view '{name}' to '{new}'</source>
        <translation>将视图“{name}”重命名为“{new}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="125" />
        <source>Rename {what} '{name}'</source>
        <translation>重命名{what}“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="128" />
        <source>Update view '{name}'</source>
        <translation>更新视图“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="93" />
        <source>Align {n} entities</source>
        <translation>对齐 {n} 个主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="102" />
        <source>Distribute {n} entities</source>
        <translation>均匀分布 {n} 个主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="108" />
        <source>Layered layout of {n} entities</source>
        <translation>{n} 个主体分层布局</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="107" />
        <source>Force layout of {n} entities</source>
        <translation>{n} 个主体力导向布局</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="97" />
        <source>Change {field} of {what} '{name}'</source>
        <translation>修改{what}“{name}”的{field}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="126" />
        <source>Resize note</source>
        <translation>调整便签大小</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="127" />
        <source>Set {field} for {n} objects</source>
        <translation>为 {n} 个对象设置{field}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="177" />
        <source>entity</source>
        <extracomment>The object words used in command labels (``{what}``), context ``commands``.</extracomment>
        <translation>主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="178" />
        <source>flow</source>
        <translation>资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="179" />
        <source>capability</source>
        <translation>能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="180" />
        <source>ecosystem</source>
        <translation>生态</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="181" />
        <source>need</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="182" />
        <source>pool</source>
        <translation>共享安排</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="183" />
        <source>scenario</source>
        <translation>情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="184" />
        <source>project</source>
        <translation>项目</translation>
    </message>
</context>
</TS>