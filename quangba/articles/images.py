"""An image as plain data, the one way: from an ArticleImage row, an extracted image or a
translated one (anything with url, caption, credit, alt and, where known, width and height)."""


def image_dict(image, *, size: bool = False) -> dict:
    """{"url", "caption", "credit", "alt"} (+ "width", "height" with `size`)."""
    data = {"url": image.url, "caption": image.caption, "credit": image.credit, "alt": image.alt}
    if size:
        data.update(width=getattr(image, "width", None), height=getattr(image, "height", None))
    return data
