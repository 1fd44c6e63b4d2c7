"""Reading published cells: the query, its JSON, CSV, XLSX and PDF, enterprises' benchmark."""
