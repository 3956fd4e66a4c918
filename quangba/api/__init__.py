"""The public, read-only JSON API (/api/v1/): articles, stories, sections, outlets, places."""
