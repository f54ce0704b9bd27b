"""The Northwind Freight example organisation, written by scripts/generate-example.py."""
