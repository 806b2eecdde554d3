"""Case records: the exchange-format models (``schema``), shared by import, export, storage and checks."""
