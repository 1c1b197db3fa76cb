"""Offline-first sync: the one wire format (protocol), the table rules shared by client
and server (tables), and the desktop's Qt-free sync client (client, credentials)."""
