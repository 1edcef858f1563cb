"""Reading data packages: Frictionless validation, the screen in front of it, the format's rules."""
