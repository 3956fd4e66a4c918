"""The demo partner outlets as data: one JSON file per outlet in `content/`, loaded into dataclasses.

Each outlet says how its URLs look (`article_path`, `image_path`, …) as `str.format` patterns, so a
new outlet is a new JSON file, not new code.
"""
import json
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent / "content"


@dataclass(frozen=True)
class Category:
    slug: str
    name: str
    section: str  # the portal section this outlet category usually feeds (ground truth for classification)
    path: str


@dataclass(frozen=True)
class Image:
    file: str
    path: str
    caption: str
    credit: str
    scene: str
    width: int
    height: int
    after: int  # index of the paragraph the figure follows; -1 puts it above the first paragraph


@dataclass(frozen=True)
class Video:
    duration: int  # seconds
    poster: Image
    path: str = ""  # set when the outlet hosts the clip itself
    youtube_id: str = ""

    @property
    def embed_url(self) -> str:
        """The YouTube player URL, or '' for a self-hosted clip."""
        return f"https://www.youtube.com/embed/{self.youtube_id}" if self.youtube_id else ""


@dataclass(frozen=True)
class Article:
    slug: str
    id: str
    path: str
    category: Category
    title: str
    sapo: str
    author: str
    published: datetime
    updated: datetime
    body: tuple[str, ...]  # paragraphs; a leading "## " marks a subheading
    images: tuple[Image, ...]
    tags: tuple[str, ...] = ()
    video: Video | None = None
    story: str = ""  # ground truth: articles sharing a story key report the same event
    layout: str = ""  # "" for the outlet's normal article page, "emagazine" for a photo story

    @property
    def section(self) -> str:
        """The portal section this article belongs to (ground truth)."""
        return "video" if self.video else self.category.section


@dataclass(frozen=True)
class Outlet:
    slug: str
    name: str
    short_name: str
    language: str  # 'vi' | 'en'
    style: str  # which CMS layout in templates.py renders its pages
    tagline: str
    color: str
    homepage_path: str
    feed_path: str
    feed_format: str  # 'rss' | 'atom' | 'news-sitemap' (a Google News sitemap, no feed) | 'push' (ingest API only)
    logo_path: str
    licence: str  # 'full' | 'excerpt'
    images_allowed: bool
    publish: str  # 'auto' | 'review'
    byline: str  # how the outlet prints an author, e.g. "{author} - Báo Sông Hồng"
    jsonld: bool
    footer: tuple[str, ...]
    categories: tuple[Category, ...]
    articles: tuple[Article, ...] = field(default=())
    feed_options: dict = field(default_factory=dict)  # guid style, content:encoded, thumbnails, title
    websub: bool = False  # its feed names the demo's WebSub hub, which pushes each new article

    def article(self, slug: str) -> Article:
        """The article with this slug; KeyError names the outlet when there is none."""
        for article in self.articles:
            if article.slug == slug:
                return article
        raise KeyError(f"outlet {self.slug!r} has no article {slug!r}")


def _image_file(slug: str, published: datetime, n: int) -> str:
    # Real CMSs glue an upload timestamp to a slug fragment; the same here keeps names stable.
    return "-".join(slug.split("-")[:5]) + f"-{int(published.timestamp())}{n:02d}"


def _article(data: dict, meta: dict, categories: dict) -> Article:
    published = datetime.fromisoformat(data["published"])
    category = categories[data["category"]]
    images = []
    for n, img in enumerate(data.get("images", []), start=1):
        file = _image_file(data["slug"], published, n)
        images.append(Image(
            file=file, path=meta["image_path"].format(date=published, file=file),
            caption=img["caption"], credit=img["credit"], scene=img.get("scene", "city"),
            width=img.get("width", 960), height=img.get("height", 540), after=img.get("after", 0)))
    video = None
    if "video" in data:
        clip = data["video"]
        path = "" if clip.get("youtube") else meta["video_path"].format(date=published, file=data["slug"])
        video = Video(duration=clip["duration"], poster=images[0], path=path, youtube_id=clip.get("youtube", ""))
    fields = dict(data, category_slug=category.slug, date=published)
    return Article(
        slug=data["slug"], id=str(data["id"]), path=meta["article_path"].format(**fields),
        category=category, title=data["title"], sapo=data["sapo"], author=data["author"],
        published=published, updated=datetime.fromisoformat(data.get("updated", data["published"])),
        body=tuple(data["body"]), images=tuple(images), tags=tuple(data.get("tags", ())),
        video=video, story=data.get("story", ""), layout=data.get("layout", ""))


def load_outlet(path: Path) -> Outlet:
    """Read one outlet JSON file."""
    meta = json.loads(path.read_text(encoding="utf-8"))
    categories = {
        c["slug"]: Category(slug=c["slug"], name=c["name"], section=c["section"],
                            path=meta["category_path"].format(category_slug=c["slug"]))
        for c in meta["categories"]
    }
    articles = sorted((_article(a, meta, categories) for a in meta["articles"]),
                      key=lambda a: a.published, reverse=True)
    return Outlet(
        slug=meta["slug"], name=meta["name"], short_name=meta["short_name"], language=meta["language"],
        style=meta["style"], tagline=meta["tagline"], color=meta["color"],
        homepage_path=meta.get("homepage_path", "/"), feed_path=meta["feed_path"],
        feed_format=meta["feed_format"], logo_path=meta["logo_path"], licence=meta["licence"],
        images_allowed=meta["images_allowed"], publish=meta["publish"], byline=meta["byline"],
        jsonld=meta["jsonld"], footer=tuple(meta["footer"]), categories=tuple(categories.values()),
        articles=tuple(articles), feed_options=meta.get("feed_options", {}), websub=meta.get("websub", False))


def load_outlets(directory: Path = CONTENT_DIR) -> list[Outlet]:
    """All demo outlets, in a stable order (the `order` key of each file, then slug)."""
    files = sorted(directory.glob("*.json"))
    order = {f: json.loads(f.read_text(encoding="utf-8")).get("order", 99) for f in files}
    return [load_outlet(f) for f in sorted(files, key=lambda f: (order[f], f.stem))]


def edited(article: Article, title: str | None, paragraphs: list[str], updated: datetime) -> Article:
    """The article as the outlet shows it after a correction: new title, extra paragraphs, new update time."""
    return replace(article, title=title or article.title, body=article.body + tuple(paragraphs), updated=updated)


def fresh(article: Article, n: int, published: datetime) -> Article:
    """A new article the outlet publishes now (the demo's newsroom and the freshness bench): the
    given one under a new address, headline and date."""
    slug = f"{article.slug}-tin-moi-{n}"
    path = article.path.replace(article.slug, slug)
    new_id = f"{article.id}{n:04d}"
    if article.id in path.replace(slug, ""):
        head, _, tail = path.rpartition(article.id)
        path = head + new_id + tail
    return replace(article, slug=slug, id=new_id, path=path, title=f"{article.title} ({n})",
                   sapo=f"({published:%H:%M:%S}) {article.sapo}", published=published, updated=published, story="")
