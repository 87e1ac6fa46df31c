"""One plain function per command: paths and values in, a result object out, no printing."""
