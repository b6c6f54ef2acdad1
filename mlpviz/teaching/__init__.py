"""Teaching material made from step records, Qt-free: worked examples (Markdown, LaTeX, HTML) and the quiz."""
