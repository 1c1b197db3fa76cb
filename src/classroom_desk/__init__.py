"""Classroom Desk: an offline-first desktop app for teachers running individualized learning."""

__version__ = "0.1.0"
