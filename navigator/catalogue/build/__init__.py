"""The pack builder: region TOML in, one SQLite pack out."""
