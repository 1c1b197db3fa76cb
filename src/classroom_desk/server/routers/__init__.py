"""The HTTP API's routes, one router per concern; ``server.app`` assembles them."""
