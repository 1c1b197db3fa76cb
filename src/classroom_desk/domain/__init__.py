"""Pure rules of the field: school weeks, thresholds, weekly figures, status and priority.

Nothing here touches a database, a file or Qt, so every rule is tested in isolation.
"""
