"""The findings engine: every check declared once (:mod:`.registry`), run per case, its result
(grade, findings with evidence, obligations with deadlines) stored per case and kept current
(:mod:`.results`); the audit, the report and the web app all read it."""
