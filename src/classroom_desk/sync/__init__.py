"""Sync: the wire format both the laptop and the server read (protocol, with the mutation
catalogue; tables; values), and the laptop's side of it: the replica (every SQL statement
sync runs on the local store), the HTTP client, and credentials in the OS keyring."""
