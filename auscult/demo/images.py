"""Deterministic demo images drawn with Pillow: author portraits, print covers, lead images and an edition PDF.

Every function is a pure function of its arguments: the same inputs give byte-identical output.
"""

import io
import os
import random
import zlib
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFilter, ImageFont

__all__ = ["portrait", "cover", "article_image", "edition_pdf"]

FONT_DIR = "/usr/share/fonts/truetype/dejavu"

# Soft backgrounds for portraits, bold grounds for covers, accents for both.
PASTELS = [
    (236, 222, 205),
    (214, 230, 226),
    (226, 221, 239),
    (245, 224, 216),
    (222, 233, 214),
    (218, 228, 242),
    (243, 233, 204),
    (232, 216, 226),
    (210, 226, 234),
    (238, 229, 222),
]
SKIN = [
    (255, 224, 196),
    (244, 205, 170),
    (234, 189, 148),
    (214, 163, 120),
    (190, 136, 96),
    (160, 108, 72),
    (128, 84, 56),
    (98, 64, 44),
    (247, 214, 190),
    (222, 178, 140),
]
HAIR = [
    (28, 24, 22),
    (52, 36, 28),
    (84, 56, 38),
    (120, 80, 48),
    (168, 110, 60),
    (196, 160, 100),
    (150, 68, 40),
    (160, 160, 160),
    (210, 206, 200),
    (40, 32, 30),
]
CLOTHES = [
    (36, 58, 102),
    (22, 110, 118),
    (128, 36, 58),
    (200, 150, 40),
    (46, 96, 64),
    (90, 96, 110),
    (70, 130, 190),
    (150, 90, 140),
    (220, 110, 80),
    (60, 60, 70),
    (98, 160, 170),
]
SCARVES = [(120, 40, 70), (30, 70, 110), (40, 100, 90), (170, 120, 60), (90, 60, 110), (60, 60, 60)]
BOLD = [
    (196, 30, 58),
    (12, 84, 140),
    (0, 120, 110),
    (230, 120, 20),
    (96, 40, 130),
    (20, 40, 70),
    (200, 60, 40),
    (30, 110, 70),
    (170, 20, 90),
    (40, 70, 160),
]
ACCENTS = [(255, 214, 0), (255, 255, 255), (120, 230, 220), (255, 160, 150), (180, 230, 120), (255, 190, 80)]


def _rng(seed, *salt):
    """A Random seeded from the seed and any strings, stable across processes (no use of hash())."""
    mixed = zlib.crc32("|".join([str(seed), *map(str, salt)]).encode("utf-8"))
    return random.Random(mixed)  # noqa: S311 - demo pictures, reproducible by design


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=6)
    return buffer.getvalue()


@lru_cache(maxsize=64)
def _font(size, bold=False, serif=False):
    name = ("DejaVuSerif" if serif else "DejaVuSans") + ("-Bold" if bold else "") + ".ttf"
    path = os.path.join(FONT_DIR, name)
    if os.path.exists(path):
        return ImageFont.truetype(path, size)
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1
        return ImageFont.load_default()


def _shade(colour, factor):
    return tuple(max(0, min(255, int(c * factor))) for c in colour[:3])


def _mix(a, b, t):
    return tuple(int(a[i] + (b[i] - a[i]) * t) for i in range(3))


def _text_width(draw, text, font):
    left, _, right, _ = draw.textbbox((0, 0), text, font=font)
    return right - left


def _wrap(draw, text, font, width):
    """Greedy word wrap to a pixel width."""
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and _text_width(draw, trial, font) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def _fit_font(draw, text, width, start, bold=True, serif=True, minimum=10):
    size = start
    while size > minimum and _text_width(draw, text, _font(size, bold, serif)) > width:
        size -= 2
    return _font(size, bold, serif)


# ---------------------------------------------------------------------------------------------------------------
# Portraits
# ---------------------------------------------------------------------------------------------------------------


def portrait(seed: int, name: str, size: int = 400) -> bytes:
    """A flat, stylised head-and-shoulders avatar as PNG bytes."""
    r = _rng(seed, "portrait", name)
    scale = 2  # draw large, then downsample for smooth edges
    s = size * scale
    bg = r.choice(PASTELS)
    skin = r.choice(SKIN)
    hair = r.choice(HAIR)
    clothes = r.choice(CLOTHES)
    image = Image.new("RGB", (s, s), bg)
    d = ImageDraw.Draw(image)

    def box(x0, y0, x1, y1):
        return [x0 * s, y0 * s, x1 * s, y1 * s]

    # a soft disc behind the figure
    d.ellipse(box(0.08, 0.06, 0.92, 0.9), fill=_mix(bg, (255, 255, 255), 0.35))

    cx = 0.5 + r.uniform(-0.02, 0.02)
    head_w = r.uniform(0.25, 0.30)
    head_h = head_w * r.uniform(1.18, 1.32)
    head_top = r.uniform(0.2, 0.25)
    head = (cx - head_w / 2, head_top, cx + head_w / 2, head_top + head_h)
    style = r.choice(["short", "short", "long", "long", "bun", "curly", "bald", "scarf", "bob", "quiff"])

    # hair that falls behind the shoulders goes first
    if style == "long":
        d.rounded_rectangle(
            box(head[0] - 0.05, head_top + 0.05, head[2] + 0.05, head_top + head_h + 0.2),
            radius=int(0.08 * s),
            fill=hair,
        )
    if style == "scarf":
        scarf = r.choice(SCARVES)
        d.ellipse(box(head[0] - 0.06, head_top - 0.05, head[2] + 0.06, head_top + head_h + 0.1), fill=scarf)
        d.polygon(
            [
                (p * s)
                for p in (
                    cx - 0.2,
                    0.95,
                    cx + 0.2,
                    0.95,
                    cx + 0.12,
                    head_top + head_h * 0.6,
                    cx - 0.12,
                    head_top + head_h * 0.6,
                )
            ],
            fill=scarf,
        )

    # shoulders and clothes
    shoulder_top = head_top + head_h + r.uniform(0.01, 0.03)
    d.rounded_rectangle(box(cx - 0.36, shoulder_top + 0.04, cx + 0.36, 1.15), radius=int(0.16 * s), fill=clothes)
    # neck
    neck_w = head_w * 0.42
    if style != "scarf":
        d.rectangle(
            box(cx - neck_w / 2, head_top + head_h * 0.75, cx + neck_w / 2, shoulder_top + 0.07), fill=_shade(skin, 0.9)
        )
    collar = r.choice(["v", "round", "shirt", "scrubs"])
    if collar == "v":
        d.polygon(
            [
                (cx - 0.08) * s,
                (shoulder_top + 0.04) * s,
                (cx + 0.08) * s,
                (shoulder_top + 0.04) * s,
                cx * s,
                (shoulder_top + 0.17) * s,
            ],
            fill=_shade(skin, 0.9),
        )
    elif collar == "round":
        d.chord(box(cx - 0.08, shoulder_top - 0.02, cx + 0.08, shoulder_top + 0.1), 0, 180, fill=_shade(skin, 0.9))
    elif collar == "shirt":
        shirt = r.choice([(245, 245, 245), (200, 220, 240), (240, 230, 210)])
        d.polygon(
            [
                (cx - 0.1) * s,
                (shoulder_top + 0.03) * s,
                (cx + 0.1) * s,
                (shoulder_top + 0.03) * s,
                cx * s,
                (shoulder_top + 0.2) * s,
            ],
            fill=shirt,
        )
        d.polygon(
            [
                (cx - 0.1) * s,
                (shoulder_top + 0.03) * s,
                (cx - 0.01) * s,
                (shoulder_top + 0.1) * s,
                (cx - 0.07) * s,
                (shoulder_top + 0.14) * s,
            ],
            fill=_shade(shirt, 0.88),
        )
        d.polygon(
            [
                (cx + 0.1) * s,
                (shoulder_top + 0.03) * s,
                (cx + 0.01) * s,
                (shoulder_top + 0.1) * s,
                (cx + 0.07) * s,
                (shoulder_top + 0.14) * s,
            ],
            fill=_shade(shirt, 0.88),
        )
    else:
        d.polygon(
            [
                (cx - 0.07) * s,
                (shoulder_top + 0.04) * s,
                (cx + 0.07) * s,
                (shoulder_top + 0.04) * s,
                cx * s,
                (shoulder_top + 0.13) * s,
            ],
            fill=_shade(skin, 0.9),
        )
    if r.random() < 0.35:  # stethoscope round the neck
        grey = (70, 74, 80)
        w = int(0.012 * s)
        d.arc(box(cx - 0.17, shoulder_top - 0.04, cx + 0.17, shoulder_top + 0.24), 200, 340, fill=grey, width=w)
        d.line(
            [((cx + 0.15) * s, (shoulder_top + 0.08) * s), ((cx + 0.13) * s, (shoulder_top + 0.25) * s)],
            fill=grey,
            width=w,
        )
        d.ellipse(
            box(cx + 0.105, shoulder_top + 0.24, cx + 0.155, shoulder_top + 0.29),
            fill=(180, 184, 190),
            outline=grey,
            width=w // 2,
        )
    elif r.random() < 0.4:  # lanyard
        lan = r.choice(ACCENTS[2:])
        w = int(0.01 * s)
        d.line(
            [
                ((cx - 0.06) * s, (shoulder_top + 0.04) * s),
                (cx * s, (shoulder_top + 0.22) * s),
                ((cx + 0.06) * s, (shoulder_top + 0.04) * s),
            ],
            fill=lan,
            width=w,
        )
        d.rectangle(box(cx - 0.035, shoulder_top + 0.21, cx + 0.035, shoulder_top + 0.29), fill=(250, 250, 250))

    # ears, then head
    ear_y = head_top + head_h * 0.45
    for side in (-1, 1) if style != "scarf" else ():
        ex = cx + side * head_w / 2
        d.ellipse(box(ex - 0.025, ear_y, ex + 0.025, ear_y + 0.07), fill=_shade(skin, 0.93))
    d.ellipse(box(*head), fill=skin)

    # hair on top
    if style in ("short", "long", "bob", "quiff", "bun"):
        d.chord(box(head[0] - 0.01, head_top - 0.03, head[2] + 0.01, head_top + head_h * 0.75), 180, 360, fill=hair)
        if style in ("long", "bob"):
            d.rounded_rectangle(
                box(head[0] - 0.02, head_top + 0.04, head[0] + 0.04, head_top + head_h * 0.85),
                radius=int(0.03 * s),
                fill=hair,
            )
            d.rounded_rectangle(
                box(head[2] - 0.04, head_top + 0.04, head[2] + 0.02, head_top + head_h * 0.85),
                radius=int(0.03 * s),
                fill=hair,
            )
        if style == "quiff":
            d.ellipse(box(cx - 0.02, head_top - 0.05, cx + head_w / 2, head_top + 0.07), fill=hair)
        if style == "bun":
            d.ellipse(box(cx - 0.06, head_top - 0.1, cx + 0.06, head_top + 0.02), fill=hair)
    elif style == "curly":
        for i in range(11):
            a = i / 10
            x = head[0] + a * head_w
            y = head_top + 0.02 - 0.05 * (1 - (2 * a - 1) ** 2)
            rad = r.uniform(0.045, 0.06)
            d.ellipse(box(x - rad, y - rad, x + rad, y + rad), fill=hair)
    elif style == "bald":
        d.chord(box(head[0], head_top + 0.05, head[2], head_top + head_h * 0.7), 170, 200, fill=hair)
        d.chord(box(head[0], head_top + 0.05, head[2], head_top + head_h * 0.7), 340, 10, fill=hair)
    elif style == "scarf":
        scarf_front = _shade(scarf, 1.12)
        d.chord(
            box(head[0] - 0.02, head_top - 0.03, head[2] + 0.02, head_top + head_h * 0.6), 180, 360, fill=scarf_front
        )

    # face
    eye_y = head_top + head_h * 0.52
    eye_dx = head_w * 0.2
    eye_r = 0.011
    dark = (40, 32, 30)
    for side in (-1, 1):
        ex = cx + side * eye_dx
        d.ellipse(box(ex - eye_r, eye_y - eye_r * 1.2, ex + eye_r, eye_y + eye_r * 1.2), fill=dark)
        brow = _shade(hair, 0.8) if style not in ("scarf", "bald") else _shade(skin, 0.55)
        d.line(
            [((ex - 0.025) * s, (eye_y - 0.035 - side * 0.0) * s), ((ex + 0.025) * s, (eye_y - 0.038) * s)],
            fill=brow,
            width=int(0.008 * s),
        )
    if r.random() < 0.3:  # glasses
        frame = r.choice([(30, 30, 30), (120, 60, 40), (60, 80, 120)])
        for side in (-1, 1):
            ex = cx + side * eye_dx
            d.rounded_rectangle(
                box(ex - 0.04, eye_y - 0.03, ex + 0.04, eye_y + 0.03),
                radius=int(0.015 * s),
                outline=frame,
                width=int(0.007 * s),
            )
        d.line(
            [((cx - eye_dx + 0.04) * s, eye_y * s), ((cx + eye_dx - 0.04) * s, eye_y * s)],
            fill=frame,
            width=int(0.006 * s),
        )
    # nose and mouth
    d.line(
        [(cx * s, (eye_y + 0.02) * s), ((cx - 0.01) * s, (eye_y + 0.06) * s), ((cx + 0.006) * s, (eye_y + 0.063) * s)],
        fill=_shade(skin, 0.78),
        width=int(0.006 * s),
    )
    mouth_y = head_top + head_h * 0.76
    d.arc(
        box(cx - 0.045, mouth_y - 0.03, cx + 0.045, mouth_y + 0.02), 20, 160, fill=(150, 60, 60), width=int(0.008 * s)
    )
    blush = _mix(skin, (230, 120, 120), 0.25)
    for side in (-1, 1):
        bx = cx + side * head_w * 0.3
        d.ellipse(box(bx - 0.025, mouth_y - 0.05, bx + 0.025, mouth_y - 0.02), fill=blush)
    if style in ("short", "quiff", "bald") and r.random() < 0.3:  # beard
        d.chord(
            box(head[0] + 0.01, head_top + head_h * 0.35, head[2] - 0.01, head_top + head_h + 0.01), 20, 160, fill=hair
        )
        d.arc(
            box(cx - 0.045, mouth_y - 0.03, cx + 0.045, mouth_y + 0.02),
            20,
            160,
            fill=(150, 60, 60),
            width=int(0.008 * s),
        )

    image = image.reduce(scale)
    return _png(image)


# ---------------------------------------------------------------------------------------------------------------
# Covers
# ---------------------------------------------------------------------------------------------------------------


def _heartbeat(draw, r, y, width, colour, line_width, x0=0):
    """An ECG-style trace across the image."""
    points, x = [], x0
    while x < width:
        step = r.randint(int(width * 0.06), int(width * 0.14))
        points.append((x, y))
        if r.random() < 0.45:
            spike = r.uniform(0.5, 1.0) * width * 0.12
            points += [
                (x + step * 0.3, y),
                (x + step * 0.4, y - spike),
                (x + step * 0.5, y + spike * 0.5),
                (x + step * 0.6, y),
            ]
        x += step
    points.append((width, y))
    draw.line(points, fill=colour, width=line_width, joint="curve")


def cover(seed: int, title: str, lines: list[str], width: int = 600, height: int = 800) -> bytes:
    """A print-magazine cover as PNG bytes: masthead, issue title, cover lines over bold geometry."""
    r = _rng(seed, "cover", title)
    ground = r.choice(BOLD)
    accent = r.choice([a for a in ACCENTS if a != (255, 255, 255)])
    image = Image.new("RGB", (width, height), ground)
    overlay = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    o = ImageDraw.Draw(overlay)

    # geometric shapes, translucent
    for _ in range(r.randint(3, 5)):
        rad = r.randint(width // 5, width // 2)
        x, y = r.randint(-rad // 2, width), r.randint(height // 4, height)
        tint = r.choice([(255, 255, 255, r.randint(18, 40)), (0, 0, 0, r.randint(20, 45)), accent + (40,)])
        o.ellipse([x - rad, y - rad, x + rad, y + rad], fill=tint)
    band_y = r.randint(int(height * 0.38), int(height * 0.5))
    o.polygon(
        [(0, band_y), (width, band_y - height * 0.12), (width, band_y + height * 0.02), (0, band_y + height * 0.14)],
        fill=(0, 0, 0, 50),
    )
    for _ in range(r.randint(2, 4)):
        sx, sy = r.randint(int(width * 0.72), width), r.randint(int(height * 0.55), int(height * 0.85))
        side = r.randint(width // 30, width // 10)
        o.rectangle([sx, sy, sx + side, sy + side], fill=accent + (70,))
    image = Image.alpha_composite(image.convert("RGBA"), overlay)
    d = ImageDraw.Draw(image)
    _heartbeat(d, r, int(height * 0.33), width, accent + (255,), max(3, width // 150))

    margin = int(width * 0.06)
    inner = width - 2 * margin

    # masthead
    mast_font = _fit_font(d, "Auscult", inner, int(height * 0.17), bold=True, serif=True)
    mast_top = int(height * 0.035)
    d.text((width // 2, mast_top), "Auscult", font=mast_font, fill=(255, 255, 255), anchor="mt")
    mast_bottom = d.textbbox((width // 2, mast_top), "Auscult", font=mast_font, anchor="mt")[3]
    tagline = "NEWS, OPINION AND DEBATE FOR GENERAL PRACTICE"
    tag_font = _fit_font(d, tagline, inner, max(10, width // 42), bold=False, serif=False)
    d.text((width // 2, mast_bottom + int(height * 0.015)), tagline, font=tag_font, fill=accent, anchor="mt")

    # issue title on a strip
    strip_y = mast_bottom + int(height * 0.06)
    title_font = _font(max(12, width // 24), bold=True)
    tw = _text_width(d, title, title_font)
    d.rectangle([margin, strip_y, margin + tw + 24, strip_y + int(width // 24 * 1.6)], fill=(255, 255, 255))
    d.text((margin + 12, strip_y + int(width // 24 * 0.8)), title, font=title_font, fill=ground, anchor="lm")

    # cover lines: the first is the splash, the rest sit in a column below
    y = int(height * 0.42)
    if lines:
        lead_font = _font(max(14, width // 13), bold=True, serif=True)
        for row in _wrap(d, lines[0], lead_font, inner)[:4]:
            d.text((margin, y), row, font=lead_font, fill=(255, 255, 255))
            y += int(lead_font.size * 1.12)
        y += int(height * 0.03)
    line_font = _font(max(11, width // 23), bold=True)
    for line in lines[1:]:
        rows = _wrap(d, line, line_font, inner - 20)[:3]
        block_h = len(rows) * int(line_font.size * 1.25)
        if y + block_h > height * 0.9:
            break
        d.rectangle([margin, y + 2, margin + 6, y + block_h - 4], fill=accent)
        for row in rows:
            d.text((margin + 18, y), row, font=line_font, fill=(255, 255, 255))
            y += int(line_font.size * 1.25)
        y += int(height * 0.022)

    # barcode and price
    bx, by = width - margin - int(width * 0.17), height - margin - int(height * 0.07)
    bw, bh = int(width * 0.17), int(height * 0.07)
    d.rectangle([bx, by, bx + bw, by + bh], fill=(255, 255, 255))
    x = bx + 6
    while x < bx + bw - 6:
        bar = r.choice((1, 1, 2, 3))
        d.rectangle([x, by + 5, x + bar - 1, by + bh - 14], fill=(20, 20, 20))
        x += bar + r.choice((1, 2, 2, 3))
    small = _font(max(8, width // 60))
    d.text((bx + bw // 2, by + bh - 3), "£5.50", font=small, fill=(20, 20, 20), anchor="mb")
    d.text((margin, height - margin), "auscult.example", font=small, fill=(255, 255, 255), anchor="lb")
    return _png(image.convert("RGB"))


# ---------------------------------------------------------------------------------------------------------------
# Lead images
# ---------------------------------------------------------------------------------------------------------------


def _gradient(width, height, top, bottom, angle):
    mask = Image.linear_gradient("L").resize((512, 512)).rotate(angle).crop((128, 128, 384, 384))
    mask = mask.resize((width, height))
    return Image.composite(Image.new("RGB", (width, height), bottom), Image.new("RGB", (width, height), top), mask)


def article_image(seed: int, width: int = 1200, height: int = 675) -> bytes:
    """An abstract editorial illustration as PNG bytes: gradient ground, overlapping shapes, a pulse line."""
    r = _rng(seed, "article")
    base = r.choice(BOLD)
    second = r.choice([c for c in BOLD if c != base])
    image = _gradient(width, height, _shade(base, 1.1), _shade(second, 0.75), r.choice((0, 30, 60, 120, 150, 180)))
    scale = 2
    layer = Image.new("RGBA", (width * scale, height * scale), (0, 0, 0, 0))
    o = ImageDraw.Draw(layer)
    W, H = width * scale, height * scale
    palette = ACCENTS + PASTELS[:4]
    motif = r.choice(["circles", "grid", "bars", "mixed"])
    if motif in ("circles", "mixed"):
        for _ in range(r.randint(4, 8)):
            rad = r.randint(H // 10, H // 2)
            x, y = r.randint(0, W), r.randint(0, H)
            colour = r.choice(palette)
            if r.random() < 0.35:
                o.ellipse([x - rad, y - rad, x + rad, y + rad], outline=colour + (170,), width=r.randint(6, 20))
            else:
                o.ellipse([x - rad, y - rad, x + rad, y + rad], fill=colour + (r.randint(40, 120),))
    if motif in ("grid", "mixed"):
        cell = r.randint(H // 9, H // 5)
        gx0, gy0 = r.randint(0, W // 2), r.randint(0, H // 2)
        colour = r.choice(palette)
        for gx in range(r.randint(3, 6)):
            for gy in range(r.randint(2, 4)):
                if r.random() < 0.7:
                    x, y = gx0 + gx * cell * 1.3, gy0 + gy * cell * 1.3
                    o.rounded_rectangle(
                        [x, y, x + cell, y + cell], radius=cell // 5, fill=colour + (r.randint(60, 160),)
                    )
    if motif == "bars":
        x = r.randint(0, W // 6)
        while x < W:
            bw = r.randint(W // 40, W // 12)
            top = r.randint(H // 5, int(H * 0.8))
            o.rectangle([x, top, x + bw, H], fill=r.choice(palette) + (r.randint(70, 170),))
            x += bw + r.randint(W // 80, W // 20)
    # diagonal slab
    if r.random() < 0.6:
        y0 = r.randint(0, H)
        o.polygon(
            [(0, y0), (W, y0 - H // 2), (W, y0 - H // 2 + H // 6), (0, y0 + H // 6)],
            fill=(255, 255, 255, r.randint(20, 50)),
        )
    # pulse line
    if r.random() < 0.5:
        _heartbeat(o, r, r.randint(int(H * 0.35), int(H * 0.65)), W, r.choice(ACCENTS) + (230,), max(6, W // 220))
    layer = layer.reduce(scale)
    image = Image.alpha_composite(image.convert("RGBA"), layer)
    # a soft vignette for depth
    vignette = Image.radial_gradient("L").resize((width, height)).point(lambda v: min(255, int(v * 0.55)))
    image = Image.composite(Image.new("RGBA", (width, height), (0, 0, 0, 255)), image, vignette)
    image = image.filter(ImageFilter.SMOOTH) if r.random() < 0.2 else image
    return _png(image.convert("RGB"))


# ---------------------------------------------------------------------------------------------------------------
# Edition PDF
# ---------------------------------------------------------------------------------------------------------------


def edition_pdf(title: str, cover_png: bytes, contents: list[str]) -> bytes:
    """A small PDF standing in for the digital edition: the cover, then contents page(s) listing `contents`."""
    cover_image = Image.open(io.BytesIO(cover_png)).convert("RGB")
    width, height = cover_image.size
    pages = []
    margin = int(width * 0.09)
    head_font = _font(max(16, width // 16), bold=True, serif=True)
    sub_font = _font(max(10, width // 40))
    item_font = _font(max(10, width // 34))
    num_font = _font(max(10, width // 34), bold=True)
    line_h = int(item_font.size * 1.35)
    remaining = list(contents) or ["Contents to follow"]
    page_no = 3
    while remaining:
        page = Image.new("RGB", (width, height), (255, 255, 255))
        d = ImageDraw.Draw(page)
        d.rectangle([0, 0, width, int(height * 0.012)], fill=(196, 30, 58))
        d.text((margin, margin), "Contents", font=head_font, fill=(20, 20, 20))
        y = margin + int(head_font.size * 1.3)
        d.text((margin, y), f"Auscult · {title}", font=sub_font, fill=(110, 110, 110))
        y += int(sub_font.size * 2.2)
        d.line([(margin, y), (width - margin, y)], fill=(200, 200, 200), width=1)
        y += int(line_h * 0.6)
        while remaining:
            rows = _wrap(d, remaining[0], item_font, width - 2 * margin - 50)
            if y + len(rows) * line_h > height - margin:
                break
            d.text((margin, y), str(page_no), font=num_font, fill=(196, 30, 58))
            for row in rows:
                d.text((margin + 50, y), row, font=item_font, fill=(30, 30, 30))
                y += line_h
            y += int(line_h * 0.4)
            page_no += 2
            remaining.pop(0)
        d.text((width // 2, height - margin // 2), "auscult.example", font=sub_font, fill=(150, 150, 150), anchor="mm")
        pages.append(page)
    buffer = io.BytesIO()
    cover_image.save(
        buffer,
        format="PDF",
        save_all=True,
        append_images=pages,
        resolution=72.0,
        title=title,
        author="Auscult",
        creator="Auscult demo",
        producer="Auscult demo",
        creationDate=None,
        modDate=None,
    )
    return buffer.getvalue()
