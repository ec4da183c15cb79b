"""Analysis layer (pure functions, no Qt): capability reuse, cost sharing and cooperative
games, network resilience, indicators and scenario comparison (SPEC §3).

``ecodesk.analysis.run.analyze_scenario`` runs them all and returns the SPEC §5 JSON.
"""
