"""The school server: accounts, device tokens and sync for every teacher laptop.

FastAPI over SQLAlchemy; SQLite for one school, PostgreSQL for a district,
the same code. Nothing imports this package except its entry point.
"""
