"""The command line: thin commands that parse options and call one function."""
