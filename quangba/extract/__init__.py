"""quangba.extract — HTML page → ExtractedArticle. A pure library: no Django import.

    from quangba.extract import extract
    article = extract(html, url)            # rules found by host, hint or markup
    article = extract(html, url, rules="vnexpress")
"""
from .cascade import extract
from .model import ExtractedImage, ExtractedArticle, ExtractionError

__all__ = ["extract", "ExtractedArticle", "ExtractedImage", "ExtractionError"]
