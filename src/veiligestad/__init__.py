"""veiligestad: a knowledge base of student research for safe cities for women and girls."""

__version__ = "0.1.0"
