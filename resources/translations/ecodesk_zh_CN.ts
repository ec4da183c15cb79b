<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="140" />
        <source>&amp;New</source>
        <extracomment>name → (standard key or key text or None, icon name or None, checkable)</extracomment>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="140" />
        <source>Start a new, blank project</source>
        <translation>新建一个空白项目</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="141" />
        <source>New from &amp;Template…</source>
        <translation>从模板新建(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="141" />
        <source>Start a new project from a template</source>
        <translation>从模板新建项目</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="142" />
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="142" />
        <source>Open a project file (.ecodesk) or import interchange JSON</source>
        <translation>打开项目文件（.ecodesk）或导入交换格式 JSON</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="143" />
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="143" />
        <source>Save the project (only what changed is written)</source>
        <translation>保存项目（只写入改动的部分）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="144" />
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="144" />
        <source>Save the project under a new name</source>
        <translation>以新名称保存项目</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="145" />
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="145" />
        <source>Close the project (asks to save changes)</source>
        <translation>关闭项目（未保存的修改会提示保存）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="146" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="146" />
        <source>Quit ecodesk (asks to save changes)</source>
        <translation>退出 ecodesk（未保存的修改会提示保存）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="147" />
        <source>Clear Recent Files</source>
        <translation>清空最近文件</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="147" />
        <source>Empty the list of recent files</source>
        <translation>清空最近打开的文件列表</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="148" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="148" />
        <source>Undo the last edit</source>
        <translation>撤销上一步编辑</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="149" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="149" />
        <source>Redo the edit just undone</source>
        <translation>重做刚撤销的编辑</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="150" />
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="150" />
        <source>Cut the selected entities to the clipboard</source>
        <translation>将选中的主体剪切到剪贴板</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="151" />
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="151" />
        <source>Copy the selected entities (with the flows between them)</source>
        <translation>复制选中的主体（连同它们之间的资源流）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="152" />
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="152" />
        <source>Paste entities with new ids</source>
        <translation>粘贴主体（分配新的 id）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="153" />
        <source>D&amp;uplicate</source>
        <translation>创建副本(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="153" />
        <source>Duplicate the selected entities</source>
        <translation>为选中的主体创建副本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="154" />
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="154" />
        <source>Delete the selection and everything attached to it</source>
        <translation>删除所选对象及其关联的一切</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="155" />
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="155" />
        <source>Select every entity and flow of the scenario</source>
        <translation>选中情景中的全部主体和资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="156" />
        <source>Re&amp;name</source>
        <translation>重命名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="156" />
        <source>Rename the selected entity on the canvas</source>
        <translation>在画布上重命名选中的主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="157" />
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="157" />
        <source>Find objects by name or id and jump to them</source>
        <translation>按名称或 id 查找对象并定位</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="158" />
        <source>Pre&amp;ferences…</source>
        <translation>首选项(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="158" />
        <source>Language, theme, grid and autosave</source>
        <translation>语言、主题、网格和自动保存</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="159" />
        <source>Align &amp;Left</source>
        <translation>左对齐(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="159" />
        <source>Align the selected entities on their left edges</source>
        <translation>按左边缘对齐选中的主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="160" />
        <source>Align Centres &amp;Horizontally</source>
        <translation>水平居中对齐(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="160" />
        <source>Align the selected entities on a vertical line</source>
        <translation>将选中的主体对齐到一条竖线上</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="161" />
        <source>Align &amp;Right</source>
        <translation>右对齐(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="161" />
        <source>Align the selected entities on their right edges</source>
        <translation>按右边缘对齐选中的主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="162" />
        <source>Align &amp;Top</source>
        <translation>顶端对齐(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="162" />
        <source>Align the selected entities on their top edges</source>
        <translation>按上边缘对齐选中的主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="163" />
        <source>Align Centres &amp;Vertically</source>
        <translation>垂直居中对齐(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="163" />
        <source>Align the selected entities on a horizontal line</source>
        <translation>将选中的主体对齐到一条横线上</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="164" />
        <source>Align &amp;Bottom</source>
        <translation>底端对齐(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="164" />
        <source>Align the selected entities on their bottom edges</source>
        <translation>按下边缘对齐选中的主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="165" />
        <source>Distribute Hori&amp;zontally</source>
        <translation>水平均匀分布(&amp;Z)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="165" />
        <source>Space the selected entities evenly from left to right</source>
        <translation>让选中的主体从左到右等距分布</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="167" />
        <source>Distribute V&amp;ertically</source>
        <translation>垂直均匀分布(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="167" />
        <source>Space the selected entities evenly from top to bottom</source>
        <translation>让选中的主体从上到下等距分布</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="169" />
        <source>&amp;Layered Layout</source>
        <translation>分层布局(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="169" />
        <source>Arrange by supply tier: origins → platforms → channels → users (one undo step)</source>
        <translation>按供给层级排列：源头 → 平台 → 渠道 → 用户（一步即可撤销）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="171" />
        <source>&amp;Force Layout</source>
        <translation>力导向布局(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="171" />
        <source>Arrange entities by a force-directed layout (one undo step)</source>
        <translation>用力导向算法排列主体（一步即可撤销）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="172" />
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="172" />
        <source>Zoom in on the canvas</source>
        <translation>放大画布</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="173" />
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="173" />
        <source>Zoom out of the canvas</source>
        <translation>缩小画布</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="174" />
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="174" />
        <source>Zoom to 100 %</source>
        <translation>缩放到 100%</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="175" />
        <source>&amp;Fit All</source>
        <translation>适应全部(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="175" />
        <source>Zoom to show the whole ecosystem</source>
        <translation>缩放以显示整个生态</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="176" />
        <source>Zoom to &amp;Selection</source>
        <translation>缩放到所选(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="176" />
        <source>Zoom to the selected entities</source>
        <translation>缩放到选中的主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="177" />
        <source>Show &amp;Grid</source>
        <translation>显示网格(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="177" />
        <source>Show the grid on the canvas</source>
        <translation>在画布上显示网格</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="178" />
        <source>S&amp;nap to Grid</source>
        <translation>对齐到网格(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="178" />
        <source>Snap entities to the grid when moving them</source>
        <translation>移动主体时吸附到网格</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="179" />
        <source>F&amp;ull Screen</source>
        <translation>全屏(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="179" />
        <source>Show the window full screen (for the projector)</source>
        <translation>全屏显示窗口（适合投影）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="180" />
        <source>Next &amp;Pane</source>
        <translation>下一个窗格(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="180" />
        <source>Move the keyboard focus to the next pane</source>
        <translation>将键盘焦点移到下一个窗格</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="181" />
        <source>Previous Pa&amp;ne</source>
        <translation>上一个窗格(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="181" />
        <source>Move the keyboard focus to the previous pane</source>
        <translation>将键盘焦点移到上一个窗格</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="182" />
        <source>&amp;Select</source>
        <translation>选择(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="182" />
        <source>Select and move entities (Esc returns here)</source>
        <translation>选择并移动主体（按 Esc 回到此工具）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="183" />
        <source>&amp;Entity Tool</source>
        <translation>主体工具(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="183" />
        <source>Click on the canvas to place an entity</source>
        <translation>在画布上单击以放置主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="184" />
        <source>F&amp;low Tool</source>
        <translation>资源流工具(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="184" />
        <source>Drag from one entity to another to draw a flow</source>
        <translation>从一个主体拖到另一个主体以绘制资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="185" />
        <source>New &amp;Entity</source>
        <translation>新建主体(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="185" />
        <source>Add an entity at a free spot and edit it in the inspector</source>
        <translation>在空白处添加一个主体，并在检查器中编辑</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="186" />
        <source>New &amp;Flow</source>
        <translation>新建资源流(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="186" />
        <source>Add a flow between the two selected entities (or the first two)</source>
        <translation>在选中的两个主体（或前两个主体）之间添加资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="187" />
        <source>New Eco&amp;system</source>
        <translation>新建生态(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="187" />
        <source>Add an ecosystem (a named group of entities)</source>
        <translation>添加一个生态（一组有名称的主体）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="188" />
        <source>New &amp;Capability</source>
        <translation>新建能力(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="188" />
        <source>Add a capability owned by the selected entity</source>
        <translation>为选中的主体添加一项能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="189" />
        <source>New Nee&amp;d</source>
        <translation>新建需求(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="189" />
        <source>Add a need of the selected entity</source>
        <translation>为选中的主体添加一项需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="190" />
        <source>New &amp;Pool</source>
        <translation>新建共享安排(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="190" />
        <source>Add a sharing arrangement of the selected entities</source>
        <translation>为选中的主体添加一个共享安排</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="191" />
        <source>&amp;Run Analysis</source>
        <translation>运行分析(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="191" />
        <source>Analyse the shown scenario: reuse, cost sharing, resilience, indicators</source>
        <translation>分析当前情景：能力复用、成本分摊、网络韧性和生态指标</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="193" />
        <source>&amp;New Scenario…</source>
        <translation>新建情景(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="193" />
        <source>Add a blank scenario</source>
        <translation>添加一个空白情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="194" />
        <source>&amp;Duplicate Scenario</source>
        <translation>复制情景(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="194" />
        <source>Add a copy of the shown scenario</source>
        <translation>添加当前情景的副本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="195" />
        <source>&amp;Rename Scenario…</source>
        <translation>重命名情景(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="195" />
        <source>Rename the shown scenario</source>
        <translation>重命名当前情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="196" />
        <source>De&amp;lete Scenario</source>
        <translation>删除情景(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="196" />
        <source>Delete the shown scenario (undoable)</source>
        <translation>删除当前情景（可撤销）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="197" />
        <source>Ne&amp;xt Scenario</source>
        <translation>下一个情景(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="197" />
        <source>Show the next scenario</source>
        <translation>显示下一个情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="198" />
        <source>Pre&amp;vious Scenario</source>
        <translation>上一个情景(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="198" />
        <source>Show the previous scenario</source>
        <translation>显示上一个情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="199" />
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="199" />
        <source>List every keyboard shortcut</source>
        <translation>列出全部键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="200" />
        <source>&amp;About ecodesk</source>
        <translation>关于 ecodesk(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="200" />
        <source>Version and licence</source>
        <translation>版本与许可</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="201" />
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="201" />
        <source>The Qt toolkit ecodesk is built with</source>
        <translation>ecodesk 所用的 Qt 工具包</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="213" />
        <source>Click on the canvas to place: {0}</source>
        <translation>在画布上单击以放置：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="217" />
        <source>Drag between two entities to draw a flow: {0}</source>
        <translation>在两个主体之间拖动以绘制资源流：{0}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/actions.py" line="221" />
        <source>Show or hide flows of kind: {0}</source>
        <translation>显示或隐藏此类资源流：{0}</translation>
    </message>
</context>
<context>
    <name>AnalysisSummaryDialog</name>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="128" />
        <source>Analysis of “{0}”</source>
        <translation>“{0}”的分析</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="132" />
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="132" />
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="143" />
        <source>Capability reuse</source>
        <translation>能力复用</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="144" />
        <source>Total savings from sharing</source>
        <translation>共享带来的总节约</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="145" />
        <source>Reuse index (consumers per capability)</source>
        <translation>复用指数（每项能力的使用方数）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="146" />
        <source>Capabilities built twice</source>
        <translation>重复建设的能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="147" />
        <source>Unmet needs</source>
        <translation>未满足的需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="149" />
        <source>Cost sharing</source>
        <translation>成本分摊</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="150" />
        <source>Total cost together</source>
        <translation>合作总成本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="151" />
        <source>Total cost alone</source>
        <translation>各自独立的总成本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="152" />
        <source>Fair (Shapley) split is stable</source>
        <translation>公平（Shapley）分摊是否稳定</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="153" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="153" />
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="154" />
        <source>Sharing arrangements</source>
        <translation>共享安排</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="156" />
        <source>Network resilience</source>
        <translation>网络韧性</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="157" />
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="158" />
        <source>Single points of failure</source>
        <translation>单点故障</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="159" />
        <source>Robustness, random failures</source>
        <translation>鲁棒性（随机失效）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="160" />
        <source>Robustness, targeted loss</source>
        <translation>鲁棒性（定向失去关键伙伴）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="161" />
        <source>Expected service (Monte Carlo)</source>
        <translation>期望服务水平（蒙特卡洛）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="163" />
        <source>Ecosystem indicators</source>
        <translation>生态指标</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="164" />
        <source>Entities / flows</source>
        <translation>主体 / 资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="165" />
        <source>Data interoperability</source>
        <translation>数据互通率</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="166" />
        <source>Reverse data feedback</source>
        <translation>数据反向反馈率</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="167" />
        <source>Cross-industry flows</source>
        <translation>跨行业资源流占比</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="168" />
        <source>Largest hub's share of flows</source>
        <translation>最大枢纽的资源流占比</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="169" />
        <source>Entities in several ecosystems</source>
        <translation>跨多个生态的主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="173" />
        <source>not available yet</source>
        <translation>暂不可用</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/dialogs/analysis.py" line="183" />
        <source>The full analysis panel, with charts and tables, comes in a later version.</source>
        <translation>带图表和明细表的完整分析面板将在后续版本中提供。</translation>
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
        <location filename="../../ecodesk/ui/tr_marks.py" line="37" />
        <source>New capability</source>
        <translation>新能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="57" />
        <source>Top</source>
        <translation>顶端</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="58" />
        <source>Vertically</source>
        <translation>垂直</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="61" />
        <source>{source} → {target}</source>
        <translation>{source} → {target}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="38" />
        <source>No flow created</source>
        <translation>未创建资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="43" />
        <source>Nothing to copy: select entities first</source>
        <translation>没有可复制的内容：请先选择主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="56" />
        <source>The clipboard holds no ecodesk objects</source>
        <translation>剪贴板中没有 ecodesk 对象</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="52" />
        <source>Select one entity to rename</source>
        <translation>请选择一个主体进行重命名</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="54" />
        <source>Select two or more entities to align</source>
        <translation>请选择两个或更多主体进行对齐</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="53" />
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
        <source>Middle</source>
        <translation>垂直居中</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="44" />
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="49" />
        <source>Right</source>
        <translation>右侧</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="51" />
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
        <location filename="../../ecodesk/ui/tr_marks.py" line="60" />
        <source>{name} offers no capability yet</source>
        <translation>{name} 尚未提供任何能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="47" />
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
        <location filename="../../ecodesk/ui/tr_marks.py" line="45" />
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
        <location filename="../../ecodesk/ui/tr_marks.py" line="41" />
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
        <location filename="../../ecodesk/ui/tr_marks.py" line="48" />
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="39" />
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
        <location filename="../../ecodesk/ui/tr_marks.py" line="46" />
        <source>Place: {kind}</source>
        <translation>放置：{kind}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="59" />
        <source>Volume {volume} · value {value} {currency}</source>
        <translation>数量 {volume} · 价值 {value} {currency}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="13" />
        <source>Capability: {name}</source>
        <translation>能力：{name}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="50" />
        <source>Risk of break: {risk}</source>
        <translation>中断风险：{risk}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="23" />
        <source>Drag from one entity to another to draw a flow</source>
        <translation>从一个主体拖到另一个主体以绘制资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="55" />
        <source>Start the flow on an entity</source>
        <translation>请从一个主体开始拖出资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="36" />
        <source>Move cancelled</source>
        <translation>已取消移动</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="16" />
        <source>Click on the canvas to place: {kind}</source>
        <translation>在画布上单击以放置：{kind}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="40" />
        <source>No flow drawn: release the mouse over another entity</source>
        <translation>未绘制资源流：请在另一个主体上松开鼠标</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="42" />
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
</context>
<context>
    <name>CollectionPageWidget</name>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="131" />
        <source>entities</source>
        <extracomment>The tabs, in order: collection name and the kind of object it holds. A message for the status bar.</extracomment>
        <translation>主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="131" />
        <source>flows</source>
        <translation>资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="131" />
        <source>capabilities</source>
        <translation>能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="132" />
        <source>needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="132" />
        <source>pools</source>
        <translation>共享安排</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="132" />
        <source>ecosystems</source>
        <translation>生态</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="133" />
        <source>Filter {0}…</source>
        <translation>筛选{0}…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="134" />
        <source>Show only rows containing this text (any column)</source>
        <translation>只显示包含此文字的行（任意列）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="135" />
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="136" />
        <source>Add a row (defaults come from the selection)</source>
        <translation>添加一行（默认值取自当前选择）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="137" />
        <location filename="../../ecodesk/ui/tables.py" line="142" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="138" />
        <source>Delete the selected rows and what depends on them</source>
        <translation>删除选中的行及依赖它们的对象</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="139" />
        <source>Set value…</source>
        <translation>统一设值…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="140" />
        <source>Set the current column to one value for every selected row (one undo step)</source>
        <translation>将当前列在所有选中行中设为同一个值（一步即可撤销）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="143" />
        <source>Set value for selected…</source>
        <translation>为选中行统一设值…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="144" />
        <source>Set one column to the same value for all selected rows</source>
        <translation>将某一列在所有选中行中设为同一个值</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="157" />
        <source>{0} of {1}</source>
        <translation>{0} / {1}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="278" />
        <source>Select rows and click a cell of the column to set.</source>
        <translation>请先选中若干行，并单击要设置的那一列中的单元格。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="281" />
        <source>Set value for selected</source>
        <translation>为选中行统一设值</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="282" />
        <source>{0} for {1} selected rows:</source>
        <translation>{1} 个选中行的“{0}”：</translation>
    </message>
</context>
<context>
    <name>ColorField</name>
    <message>
        <location filename="../../ecodesk/ui/inspector_fields.py" line="286" />
        <source>Choose a colour</source>
        <translation>选择颜色</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <location filename="../../ecodesk/ui/document.py" line="159" />
        <source>Untitled</source>
        <extracomment>File suffixes the window opens: project files, and interchange JSON imported as untitled. The shown scenario was switched (argument: the new Scenario). Selection of object ids changed (argument: list[str]). Modified state changed (argument: bool modified). The file path changed (argument: str, '' for none). An edit was refused (argument: the message). The history moved (push/undo/redo).</extracomment>
        <translation>未命名</translation>
    </message>
</context>
<context>
    <name>FallbackCanvasView</name>
    <message>
        <location filename="../../ecodesk/ui/canvas_fallback.py" line="43" />
        <source>The canvas could not be loaded; use the Tables and the Inspector.</source>
        <translation>画布无法加载；请使用表格和检查器。</translation>
    </message>
</context>
<context>
    <name>FileOpsMixin</name>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="40" />
        <location filename="../../ecodesk/ui/fileops.py" line="87" />
        <source>Base</source>
        <translation>基准情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="48" />
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="49" />
        <source>“{0}” has changes that are not saved.</source>
        <translation>“{0}”有尚未保存的修改。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="50" />
        <source>Do you want to save them?</source>
        <translation>是否保存？</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="63" />
        <source>New project</source>
        <translation>新项目</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="84" />
        <source>Cannot use the template</source>
        <translation>无法使用该模板</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="89" />
        <source>New project from template “{0}”</source>
        <translation>已从模板“{0}”新建项目</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="95" />
        <source>Open Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="96" />
        <source>ecodesk projects (*.ecodesk);;Interchange JSON (*.json);;All files (*)</source>
        <translation>ecodesk 项目 (*.ecodesk);;交换格式 JSON (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="103" />
        <source>“{0}” is already open</source>
        <translation>“{0}”已经打开</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="110" />
        <source>Cannot open “{0}”</source>
        <translation>无法打开“{0}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="117" />
        <source>Opened “{0}”</source>
        <translation>已打开“{0}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="119" />
        <source>Imported “{0}” — save it as a project file to keep it</source>
        <translation>已导入“{0}”——请另存为项目文件以便保留</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="126" />
        <source>File not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="127" />
        <source>“{0}” no longer exists; it was removed from the recent files.</source>
        <translation>“{0}”已不存在，已从最近文件中移除。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="145" />
        <source>Sample project “{0}” — your changes are saved to a new file</source>
        <translation>示例项目“{0}”——您的修改将保存到新文件中</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="158" />
        <location filename="../../ecodesk/ui/fileops.py" line="177" />
        <source>Saved “{0}”</source>
        <translation>已保存“{0}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="164" />
        <source>Save Project As</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="165" />
        <source>ecodesk projects (*.ecodesk)</source>
        <translation>ecodesk 项目 (*.ecodesk)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="184" />
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="186" />
        <source>Your project is still open and nothing was lost. Save it under another name?</source>
        <translation>项目仍然打开，没有任何内容丢失。要以其他名称保存吗？</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="188" />
        <source>Your project is still open and nothing was lost.</source>
        <translation>项目仍然打开，没有任何内容丢失。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="190" />
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fileops.py" line="215" />
        <source>Removed from recent files (no longer found): {0}</source>
        <translation>已从最近文件中移除（文件已不存在）：{0}</translation>
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
    <name>InspectorWidget</name>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="246" />
        <source>To change one field of all selected objects at once, use “Set value for selected…” in the Tables dock.</source>
        <extracomment>The fields of each kind of object, in the order shown, with the editor they use.</extracomment>
        <translation>要一次修改所有选中对象的某个字段，请在“表格”面板中使用“为选中行统一设值…”。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="296" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="316" />
        <source>Double-click (or press Enter) to open it in the inspector</source>
        <translation>双击（或按回车）在检查器中打开</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="317" />
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="318" />
        <source>Remove the selected item (a capability takes its flows along)</source>
        <translation>移除选中的项（移除能力时会一并移除其资源流）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="322" />
        <source>Ecosystems</source>
        <translation>所属生态</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="323" />
        <source>Capabilities</source>
        <translation>拥有的能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="324" />
        <source>Add capability</source>
        <translation>添加能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="325" />
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="325" />
        <source>Add need</source>
        <translation>添加需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="328" />
        <location filename="../../ecodesk/ui/inspector.py" line="331" />
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="335" />
        <source>Delivered to</source>
        <translation>提供给</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="366" />
        <source>{0} objects selected</source>
        <translation>已选中 {0} 个对象</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="370" />
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="375" />
        <source>Scenario “{0}”: {1} entities, {2} flows, {3} capabilities, {4} needs, {5} pools, {6} ecosystems. Select an object on the canvas or in the tables to edit it.</source>
        <translation>情景“{0}”：{1} 个主体、{2} 条资源流、{3} 项能力、{4} 项需求、{5} 个共享安排、{6} 个生态。在画布或表格中选择对象即可编辑。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="384" />
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="475" />
        <source>{0} — {1} (used by {2})</source>
        <translation>{0} — {1}（{2} 方使用）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="480" />
        <source>{0} — volume {1}</source>
        <translation>{0} — 数量 {1}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector.py" line="487" />
        <source>Not delivered by any flow yet.</source>
        <translation>尚无资源流提供此能力。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="102" />
        <source>Click a kind, then click on the canvas</source>
        <translation>单击一种类型，再单击画布</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="346" />
        <source>● Unsaved changes</source>
        <translation>● 有未保存的修改</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="347" />
        <source>Save with {0}</source>
        <translation>按 {0} 保存</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="350" />
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="350" />
        <source>Not saved yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="359" />
        <source>&amp;Undo {0}</source>
        <translation>撤销 {0}(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="359" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="360" />
        <source>&amp;Redo {0}</source>
        <translation>重做 {0}(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="360" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="374" />
        <source>{0} entities · {1} flows</source>
        <translation>{0} 个主体 · {1} 条资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="499" />
        <source>Analysing “{0}”…</source>
        <translation>正在分析“{0}”…</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="499" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="501" />
        <source>Run Analysis</source>
        <translation>运行分析</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="516" />
        <source>Analysis failed</source>
        <translation>分析失败</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="520" />
        <source>Analysis cancelled</source>
        <translation>分析已取消</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="597" />
        <source>About ecodesk</source>
        <translation>关于 ecodesk</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="598" />
        <source>&lt;h3&gt;ecodesk {0}&lt;/h3&gt;&lt;p&gt;Plan mutual supply ecosystems (互供生态): capability reuse, cost sharing and network resilience.&lt;/p&gt;&lt;p&gt;Projects are SQLite files you can hand on; everything works offline.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ecodesk {0}&lt;/h3&gt;&lt;p&gt;互供生态规划工具：能力复用、成本分摊与网络韧性。&lt;/p&gt;&lt;p&gt;项目是可直接交付的 SQLite 文件；全部功能均可离线使用。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="605" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="605" />
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="606" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="606" />
        <source>&amp;Arrange</source>
        <translation>排列(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="607" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="607" />
        <source>Show &amp;Flows</source>
        <translation>显示资源流(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="608" />
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="608" />
        <source>&amp;Insert</source>
        <translation>插入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="609" />
        <source>Place &amp;Entity</source>
        <translation>放置主体(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="610" />
        <source>Draw F&amp;low</source>
        <translation>绘制资源流(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="611" />
        <source>&amp;Analyze</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="611" />
        <source>&amp;Scenario</source>
        <translation>情景(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="612" />
        <source>S&amp;witch To</source>
        <translation>切换到(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="612" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="614" />
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="615" />
        <source>Tables</source>
        <translation>表格</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="616" />
        <source>Palette</source>
        <translation>主体面板</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="617" />
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="618" />
        <source>&amp;Scenario:</source>
        <translation>情景(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="619" />
        <source>The scenario shown and edited (Ctrl+PgUp / Ctrl+PgDown)</source>
        <translation>当前显示和编辑的情景（Ctrl+PgUp / Ctrl+PgDown）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/mainwindow.py" line="621" />
        <source>Zoom</source>
        <translation>缩放</translation>
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
    <name>PoolParamsSection</name>
    <message>
        <location filename="../../ecodesk/ui/inspector_pools.py" line="36" />
        <source>Sharing parameters</source>
        <translation>分摊参数</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_pools.py" line="42" />
        <source>Empty weight: the member's total flow value is used. Floors apply to floor-plus-share, claims to reserve pools.</source>
        <translation>权重留空时使用该成员的资源流总价值。保底额用于“保底+分成”，索赔额用于风险准备金。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_pools.py" line="51" />
        <source>Tiered share: weights up to “up to” earn “rate”; leave the last “up to” empty for no bound.</source>
        <translation>阶梯式分成：权重不超过“上限”的部分按“比例”分成；最后一档的“上限”留空表示无上限。</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_pools.py" line="60" />
        <source>Add tier</source>
        <translation>添加分档</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_pools.py" line="62" />
        <source>Remove tier</source>
        <translation>删除分档</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_pools.py" line="98" />
        <source>up to</source>
        <translation>上限</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/inspector_pools.py" line="98" />
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
    <name>ScenarioOpsMixin</name>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="37" />
        <source>Scenario “{0}”</source>
        <translation>情景“{0}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="61" />
        <source>Scenario</source>
        <translation>情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="62" />
        <source>New Scenario</source>
        <translation>新建情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="62" />
        <source>Name of the new scenario:</source>
        <translation>新情景的名称：</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="69" />
        <source>Cannot add the scenario</source>
        <translation>无法添加情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="77" />
        <source>{0} (copy)</source>
        <translation>{0}（副本）</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="84" />
        <source>Scenario not changed</source>
        <translation>情景未更改</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="93" />
        <source>Rename Scenario</source>
        <translation>重命名情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/scenarioops.py" line="93" />
        <source>New name:</source>
        <translation>新名称：</translation>
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
    <name>TablesWidget</name>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="354" />
        <source>Entities</source>
        <translation>主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="354" />
        <source>Flows</source>
        <translation>资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="354" />
        <source>Capabilities</source>
        <translation>能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="355" />
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="355" />
        <source>Pools</source>
        <translation>共享安排</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tables.py" line="355" />
        <source>Ecosystems</source>
        <translation>生态</translation>
    </message>
</context>
<context>
    <name>commands</name>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="65" />
        <source>Add {what} '{name}'</source>
        <translation>添加{what}“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="82" />
        <source>Remove {what} '{name}'</source>
        <translation>删除{what}“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="68" />
        <source>Change {what} '{name}'</source>
        <translation>修改{what}“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="75" />
        <source>Move entity</source>
        <translation>移动主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="76" />
        <source>Move {n} entities</source>
        <translation>移动 {n} 个主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="64" />
        <source>Add scenario '{name}'</source>
        <translation>添加情景“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="80" />
        <source>Remove scenario '{name}'</source>
        <translation>删除情景“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="83" />
        <source>Rename scenario '{old}' to '{new}'</source>
        <translation>将情景“{old}”重命名为“{new}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="71" />
        <source>Duplicate scenario '{name}'</source>
        <translation>复制情景“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="67" />
        <source>Change project settings</source>
        <translation>修改项目设置</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="81" />
        <source>Remove {n} objects</source>
        <translation>删除 {n} 个对象</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="63" />
        <source>Add '{name}' to ecosystem '{eco}'</source>
        <translation>将“{name}”加入生态“{eco}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="79" />
        <source>Remove '{name}' from ecosystem '{eco}'</source>
        <translation>将“{name}”移出生态“{eco}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="62" />
        <source>Add '{entity}' to pool '{name}'</source>
        <translation>将“{entity}”加入共享安排“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="78" />
        <source>Remove '{entity}' from pool '{name}'</source>
        <translation>将“{entity}”移出共享安排“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="77" />
        <source>Paste {n} entities</source>
        <translation>粘贴 {n} 个主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="69" />
        <source>Cut</source>
        <translation>剪切</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="72" />
        <source>Duplicate {n} entities</source>
        <translation>为 {n} 个主体创建副本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="84" />
        <source>Rename {what} '{name}'</source>
        <translation>重命名{what}“{name}”</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="66" />
        <source>Align {n} entities</source>
        <translation>对齐 {n} 个主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="70" />
        <source>Distribute {n} entities</source>
        <translation>均匀分布 {n} 个主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="74" />
        <source>Layered layout of {n} entities</source>
        <translation>{n} 个主体分层布局</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/tr_marks.py" line="73" />
        <source>Force layout of {n} entities</source>
        <translation>{n} 个主体力导向布局</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fieldedit.py" line="45" />
        <source>Change {field} of {what} '{name}'</source>
        <extracomment>Fields holding required numbers.</extracomment>
        <translation>修改{what}“{name}”的{field}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fieldedit.py" line="46" />
        <source>Set {field} for {n} objects</source>
        <translation>为 {n} 个对象设置{field}</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="164" />
        <source>entity</source>
        <extracomment>The object words used in command labels (``{what}``), context ``commands``.</extracomment>
        <translation>主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="165" />
        <source>flow</source>
        <translation>资源流</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="166" />
        <source>capability</source>
        <translation>能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="167" />
        <source>ecosystem</source>
        <translation>生态</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="168" />
        <source>need</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="169" />
        <source>pool</source>
        <translation>共享安排</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="170" />
        <source>scenario</source>
        <translation>情景</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="171" />
        <source>project</source>
        <translation>项目</translation>
    </message>
</context>
<context>
    <name>fieldedit</name>
    <message>
        <location filename="../../ecodesk/ui/fieldedit.py" line="169" />
        <source>New entity</source>
        <extracomment>Colours offered to new ecosystems, in turn.</extracomment>
        <translation>新主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fieldedit.py" line="173" />
        <source>New ecosystem</source>
        <translation>新生态</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fieldedit.py" line="180" />
        <source>New capability</source>
        <translation>新能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fieldedit.py" line="181" />
        <location filename="../../ecodesk/ui/fieldedit.py" line="189" />
        <source>service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/fieldedit.py" line="199" />
        <source>New pool</source>
        <translation>新共享安排</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="123" />
        <source>ID</source>
        <extracomment>Every model field shown in the inspector or the tables (context ``fields``).</extracomment>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="124" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="125" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="126" />
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="127" />
        <source>Ecosystems</source>
        <translation>所属生态</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="128" />
        <source>Demand</source>
        <translation>需求量</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="129" />
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="130" />
        <source>Revenue</source>
        <translation>收入</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="131" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="132" />
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="133" />
        <source>Y</source>
        <translation>Y</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="134" />
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="135" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="136" />
        <source>Owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="137" />
        <source>Fixed cost</source>
        <translation>固定成本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="138" />
        <source>Unit cost</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="139" />
        <source>Capacity</source>
        <translation>产能</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="140" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="141" />
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="142" />
        <source>Volume</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="143" />
        <source>Unit value</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="144" />
        <source>Value</source>
        <translation>价值</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="145" />
        <source>Capability</source>
        <translation>能力</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="146" />
        <source>Standalone cost</source>
        <translation>独立获取成本</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="147" />
        <source>Entity</source>
        <translation>主体</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="148" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="149" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="150" />
        <location filename="../../ecodesk/ui/i18n.py" line="159" />
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="151" />
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="152" />
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="153" />
        <source>Floors</source>
        <translation>保底额</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="154" />
        <source>Tiers</source>
        <translation>分档</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="155" />
        <source>Claims</source>
        <translation>索赔额</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="156" />
        <source>Scale exponent β</source>
        <translation>规模指数 β</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="157" />
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../../ecodesk/ui/i18n.py" line="158" />
        <source>Period</source>
        <translation>周期</translation>
    </message>
</context>
</TS>