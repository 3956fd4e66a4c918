"""Static files under names that change when their content does (site.4f1c2a9b3d5e.css), with
.gz and .br versions next to them, written by `quangba collectstatic`: a name can then be cached
for a year (WhiteNoise and nginx do), and a new release's CSS is never mixed with an old one."""
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's hashed, compressed storage; a file not collected yet (a checkout run from
    source, the tests, a file added since the last collectstatic) keeps its plain name, served
    from the apps' static folders with a short cache, rather than failing the page."""

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:  # no manifest entry, and no collected file to hash
            return name
