"""The command line: parse, call one core function, render, exit with the right code."""
