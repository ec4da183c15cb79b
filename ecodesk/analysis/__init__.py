"""Analysis layer (pure functions, no Qt): capability reuse, cost sharing and cooperative
games, network resilience, indicators and scenario comparison (SPEC §3).

``ecodesk.analysis.run.run_analysis`` runs them all and returns an ``AnalysisResult`` (the
typed result dataclasses); ``analyze_scenario`` gives its SPEC §5 JSON (command line, files).
"""
