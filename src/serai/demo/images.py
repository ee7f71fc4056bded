"""Illustrations for the demo outlet, drawn with Pillow.

Every picture is a flat, poster-like scene (sky, mountains, steppe, yurts, a market, a rail
yard...) built from a named scene, a time of day and a seed. The same three values always give
the same picture, so loading the demo twice, or re-creating a photo for a translation, produces
identical files. Scenes are drawn at twice their size and reduced, which smooths the edges.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1600, 1000
SCALE = 2  # drawn at 2x, then reduced: cheap anti-aliasing

Colour = tuple[int, int, int]


def mix(a: Colour, b: Colour, t: float) -> Colour:
    t = max(0.0, min(1.0, t))
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def darker(c: Colour, f: float) -> Colour:
    return tuple(max(0, min(255, round(x * f))) for x in c)  # type: ignore[return-value]


@dataclass(frozen=True)
class Light:
    """A time of day: the sky, the sun, and how it colours everything under it."""

    sky_top: Colour
    sky_bottom: Colour
    sun: Colour
    haze: Colour  # what distant things fade towards
    tint: Colour  # the colour of the light on the ground
    brightness: float
    night: bool = False
    sun_height: float = 0.3  # 0 = horizon, 1 = top of the sky


LIGHTS = {
    "morning": Light(
        (104, 158, 222),
        (250, 216, 178),
        (255, 240, 200),
        (226, 212, 206),
        (255, 226, 190),
        0.96,
        sun_height=0.25,
    ),
    "day": Light(
        (64, 128, 206),
        (190, 222, 244),
        (255, 252, 232),
        (196, 216, 232),
        (255, 255, 250),
        1.0,
        sun_height=0.75,
    ),
    "dusk": Light(
        (52, 62, 136),
        (252, 168, 110),
        (255, 214, 140),
        (206, 148, 146),
        (255, 176, 128),
        0.8,
        sun_height=0.12,
    ),
    "evening": Light(
        (18, 26, 64),
        (86, 78, 138),
        (244, 238, 214),
        (70, 76, 122),
        (126, 132, 200),
        0.5,
        night=True,
        sun_height=0.7,
    ),
    "overcast": Light(
        (150, 162, 180),
        (214, 218, 222),
        (236, 236, 232),
        (196, 202, 210),
        (230, 232, 236),
        0.88,
        sun_height=0.5,
    ),
}

GRASS = [(150, 168, 86), (176, 170, 92), (124, 156, 82), (190, 176, 110)]
ACCENTS = [
    (196, 58, 48),
    (232, 142, 40),
    (36, 112, 160),
    (46, 140, 110),
    (214, 176, 40),
    (150, 62, 120),
    (226, 96, 86),
]
SKIN = [(236, 196, 160), (214, 170, 130), (190, 142, 104), (160, 112, 80)]
WALLS = [
    (232, 214, 180),
    (214, 190, 160),
    (228, 200, 170),
    (200, 206, 196),
    (226, 220, 206),
    (206, 172, 142),
    (184, 196, 208),
]


class Painter:
    """A canvas in scene coordinates (1600 × 1000), drawn at SCALE times the size."""

    def __init__(self, rng: random.Random, light: Light):
        self.rng = rng
        self.light = light
        self.img = self._sky()
        self.draw = ImageDraw.Draw(self.img)

    # -- colour -------------------------------------------------------------------------------
    def lit(self, c: Colour, depth: float = 0.0) -> Colour:
        """A surface colour under this light, faded towards the haze with distance (0..1)."""
        tinted = tuple(x * t / 255 for x, t in zip(c, self.light.tint, strict=True))
        base = mix(c, tinted, 0.5)  # type: ignore[arg-type]
        base = darker(base, self.light.brightness)
        return mix(base, self.light.haze, depth)

    def sky_at(self, y: float) -> Colour:
        return mix(self.light.sky_top, self.light.sky_bottom, (y / HEIGHT) ** 0.9)

    # -- primitives -----------------------------------------------------------------------------
    @staticmethod
    def _pts(points):
        return [(x * SCALE, y * SCALE) for x, y in points]

    def poly(self, points, fill: Colour) -> None:
        self.draw.polygon(self._pts(points), fill=fill)

    def rect(self, x0, y0, x1, y1, fill: Colour) -> None:
        self.draw.rectangle([x0 * SCALE, y0 * SCALE, x1 * SCALE - 1, y1 * SCALE - 1], fill=fill)

    def rounded(self, x0, y0, x1, y1, r, fill: Colour) -> None:
        self.draw.rounded_rectangle(
            [x0 * SCALE, y0 * SCALE, x1 * SCALE, y1 * SCALE], radius=r * SCALE, fill=fill
        )

    def ellipse(self, x0, y0, x1, y1, fill: Colour) -> None:
        self.draw.ellipse([x0 * SCALE, y0 * SCALE, x1 * SCALE, y1 * SCALE], fill=fill)

    def circle(self, x, y, r, fill: Colour) -> None:
        self.ellipse(x - r, y - r, x + r, y + r, fill)

    def line(self, points, fill: Colour, width: float) -> None:
        self.draw.line(self._pts(points), fill=fill, width=max(1, round(width * SCALE)))

    def chord(self, x0, y0, x1, y1, start, end, fill: Colour) -> None:
        self.draw.chord([x0 * SCALE, y0 * SCALE, x1 * SCALE, y1 * SCALE], start, end, fill=fill)

    # -- sky --------------------------------------------------------------------------------------
    def _sky(self) -> Image.Image:
        """A vertical gradient: one pixel wide, then stretched across (fast)."""
        rows = HEIGHT * SCALE
        column = Image.new("RGB", (1, rows))
        column.putdata([self.sky_at(y / SCALE) for y in range(rows)])
        return column.resize((WIDTH * SCALE, rows), Image.Resampling.NEAREST)

    def glow(self, x, y, radius, colour: Colour, strength: float = 0.6) -> None:
        size = max(2, round(radius * 2 * SCALE))
        mask = Image.radial_gradient("L").resize((size, size))
        mask = mask.point(lambda v: round(255 * strength * max(0.0, 1 - v / 200) ** 2))
        self.img.paste(
            Image.new("RGB", (size, size), colour),
            (round((x - radius) * SCALE), round((y - radius) * SCALE)),
            mask,
        )

    def sun(self, horizon: float) -> tuple[float, float]:
        light = self.light
        x = self.rng.uniform(0.15, 0.85) * WIDTH
        y = horizon - light.sun_height * horizon * 0.9 - 40
        if light.night:
            for _ in range(160):
                sx, sy = self.rng.uniform(0, WIDTH), self.rng.uniform(0, horizon * 0.8)
                r = self.rng.choice([0.8, 1.1, 1.5])
                self.circle(sx, sy, r, mix(self.sky_at(sy), (255, 255, 240), 0.85))
            self.glow(x, y, 140, (200, 200, 230), 0.35)
            self.circle(x, y, 34, light.sun)
            self.circle(x + 14, y - 8, 30, mix(self.sky_at(y), light.sun, 0.15))
        elif light.sun_height < 0.6 or self.rng.random() < 0.5:
            self.glow(x, y, 320, light.sun, 0.55)
            self.circle(x, y, 48 if light.sun_height < 0.3 else 40, light.sun)
        return x, y

    def clouds(self, count: int, top: float, bottom: float) -> None:
        """Flat-bottomed clouds: a few puffs resting on one base line."""
        night = self.light.night
        for _ in range(count):
            cx, cy = self.rng.uniform(-100, WIDTH + 100), self.rng.uniform(top, bottom)
            w = self.rng.uniform(140, 320)
            base = mix(
                self.sky_at(cy),
                (150, 150, 190) if night else (255, 255, 255),
                0.25 if night else 0.55,
            )
            shade = mix(base, self.sky_at(cy + 80), 0.3)
            self.rounded(cx - w / 2, cy - 16, cx + w / 2, cy, 8, shade)
            for _ in range(self.rng.randint(3, 6)):
                dx, r = self.rng.uniform(-w * 0.38, w * 0.38), self.rng.uniform(w * 0.12, w * 0.22)
                self.chord(cx + dx - r, cy - 8 - r * 1.3, cx + dx + r, cy - 8 + r * 1.3, 180, 360, base)

    # -- land -------------------------------------------------------------------------------------
    def ridge(self, base: float, amplitude: float, roughness: float = 0.55, levels: int = 7):
        """A wandering skyline across the picture (midpoint displacement)."""
        ys = [base + self.rng.uniform(-amplitude, amplitude) for _ in range(2)]
        spread = amplitude
        for _ in range(levels):
            out = []
            for a, b in zip(ys, ys[1:], strict=False):
                out += [a, (a + b) / 2 + self.rng.uniform(-spread, spread)]
            out.append(ys[-1])
            ys, spread = out, spread * roughness
        step = (WIDTH + 80) / (len(ys) - 1)
        return [(-40 + i * step, y) for i, y in enumerate(ys)]

    def land(self, points, fill: Colour) -> None:
        self.poly([*points, (WIDTH + 40, HEIGHT + 40), (-40, HEIGHT + 40)], fill)

    def mountains(
        self,
        base: float,
        count: int,
        height: tuple[float, float],
        colour: Colour,
        depth: float,
        snow: bool = True,
    ) -> None:
        """A range of peaks lit from the left, with snow on the higher ones."""
        rock = self.lit(colour, depth)
        shadow = mix(darker(rock, 0.78), self.light.haze, depth * 0.6)
        snow_lit = mix(self.lit((250, 250, 255)), self.light.haze, depth * 0.5)
        snow_shadow = mix(self.lit((196, 206, 226)), self.light.haze, depth * 0.5)
        xs = sorted(self.rng.uniform(-100, WIDTH + 100) for _ in range(count))
        for x in xs:
            h = self.rng.uniform(*height)
            half = h * self.rng.uniform(1.1, 1.7)
            apex = (x, base - h)
            left, right = (x - half, base + 4), (x + half, base + 4)
            self.poly([left, apex, right], rock)
            foot = (x + self.rng.uniform(-0.15, 0.25) * half, base + 4)
            self.poly([apex, right, foot], shadow)
            if snow and h > height[0] + (height[1] - height[0]) * 0.3:
                f = self.rng.uniform(0.22, 0.34)
                lx, rx, y = x - half * f, x + half * f, base - h + h * f
                teeth = [(lx, y)]
                for i in range(1, 5):
                    tx = lx + (rx - lx) * i / 5
                    teeth.append((tx, y + (-1) ** i * h * 0.04 + h * 0.02))
                teeth.append((rx, y))
                self.poly([apex, *teeth[::-1]], snow_lit)
                mid = x + (foot[0] - x) * f
                self.poly([apex, (rx, y), teeth[-2], (mid, y + h * 0.03)], snow_shadow)

    def hills(self, base: float, amplitude: float, colour: Colour, depth: float) -> list:
        pts = self.ridge(base, amplitude, roughness=0.5, levels=6)
        self.land(pts, self.lit(colour, depth))
        return pts

    def grass(self, top: float, count: int, colour: Colour) -> None:
        for _ in range(count):
            x, y = self.rng.uniform(0, WIDTH), self.rng.uniform(top, HEIGHT)
            near = (y - top) / max(1, HEIGHT - top)
            length = 4 + 14 * near
            c = self.lit(darker(colour, self.rng.uniform(0.78, 1.1)))
            self.line([(x, y), (x + self.rng.uniform(-3, 3), y - length)], c, 1 + 1.5 * near)

    # -- things -----------------------------------------------------------------------------------
    def shadow(self, x0, x1, y, height: float = 10) -> None:
        """A soft-edged dark ellipse on whatever the object stands on."""
        px = min(WIDTH * SCALE - 1, max(0, round((x0 + x1) / 2 * SCALE)))
        py = min(HEIGHT * SCALE - 1, max(0, round(y * SCALE) + 4))
        self.ellipse(x0, y - height / 2, x1, y + height / 2, darker(self.img.getpixel((px, py)), 0.8))

    def yurt(self, x, ground, size, accent: Colour) -> None:
        felt = self.lit((242, 236, 222))
        felt_shade = self.lit((206, 198, 184))
        w, wall = size, size * 0.42
        roof = size * 0.34
        self.shadow(x - w * 0.62, x + w * 0.7, ground, size * 0.1)
        self.poly(
            [
                (x - w / 2, ground),
                (x - w / 2 + 3, ground - wall),
                (x + w / 2 - 3, ground - wall),
                (x + w / 2, ground),
            ],
            felt,
        )
        self.poly(
            [
                (x + w * 0.18, ground),
                (x + w * 0.19, ground - wall),
                (x + w / 2 - 3, ground - wall),
                (x + w / 2, ground),
            ],
            felt_shade,
        )
        self.chord(x - w / 2 - 6, ground - wall - roof, x + w / 2 + 6, ground - wall + roof, 180, 360, felt)
        self.draw.pieslice(
            [
                (x - w / 2 - 6) * SCALE,
                (ground - wall - roof) * SCALE,
                (x + w / 2 + 6) * SCALE,
                (ground - wall + roof) * SCALE,
            ],
            305,
            360,
            fill=felt_shade,
        )
        band = self.lit(accent)
        self.rect(x - w / 2 + 2, ground - wall - 2, x + w / 2 - 2, ground - wall + wall * 0.16, band)
        step = w / 9
        for i in range(9):
            cx = x - w / 2 + step * (i + 0.5)
            cy = ground - wall + wall * 0.07
            d = wall * 0.05
            self.poly([(cx, cy - d), (cx + d, cy), (cx, cy + d), (cx - d, cy)], felt)
        self.ellipse(
            x - w * 0.09,
            ground - wall - roof - 5,
            x + w * 0.09,
            ground - wall - roof + 7,
            self.lit((150, 110, 70)),
        )
        door = self.lit(darker(accent, 0.85))
        self.rect(x - w * 0.1, ground - wall * 0.72, x + w * 0.1, ground, self.lit((120, 80, 50)))
        self.rect(x - w * 0.08, ground - wall * 0.66, x + w * 0.08, ground, door)

    def person(self, x, ground, height, colour: Colour | None = None) -> None:
        rng = self.rng
        colour = colour or rng.choice(ACCENTS + [(70, 80, 110), (110, 90, 70)])
        h = height
        legs = self.lit((54, 58, 72))
        self.rect(x - h * 0.1, ground - h * 0.45, x - h * 0.02, ground, legs)
        self.rect(x + h * 0.02, ground - h * 0.45, x + h * 0.1, ground, legs)
        self.rounded(
            x - h * 0.15,
            ground - h * 0.8,
            x + h * 0.15,
            ground - h * 0.4,
            h * 0.06,
            self.lit(colour),
        )
        self.circle(x, ground - h * 0.89, h * 0.1, self.lit(rng.choice(SKIN)))
        if rng.random() < 0.4:
            self.chord(
                x - h * 0.11,
                ground - h * 1.0,
                x + h * 0.11,
                ground - h * 0.84,
                180,
                360,
                self.lit(rng.choice([(240, 240, 236), (60, 60, 70), (190, 60, 50)])),
            )

    def crowd(self, x0, x1, ground, height, count) -> None:
        spots = sorted(
            ((self.rng.uniform(x0, x1), ground + self.rng.uniform(-8, 8)) for _ in range(count)),
            key=lambda p: p[1],
        )
        for x, y in spots:
            self.person(x, y, height * self.rng.uniform(0.85, 1.05))

    def poplar(self, x, ground, height, depth: float = 0.0) -> None:
        green = self.lit((74, 116, 62), depth)
        dark = self.lit((54, 92, 52), depth)
        w = height * 0.22
        self.rect(x - 3, ground - height * 0.2, x + 3, ground, self.lit((92, 70, 50), depth))
        self.ellipse(x - w / 2, ground - height, x + w / 2, ground - height * 0.12, green)
        self.chord(x - w / 2, ground - height, x + w / 2, ground - height * 0.12, 270, 450, dark)

    def pine(self, x, ground, height, depth: float = 0.0) -> None:
        green = self.lit((46, 86, 62), depth)
        dark = self.lit((34, 66, 50), depth)
        w = height * 0.42
        self.rect(x - 2, ground - height * 0.15, x + 2, ground, self.lit((80, 60, 40), depth))
        for i in range(3):
            top = ground - height + i * height * 0.25
            bottom = top + height * 0.45
            half = w / 2 * (0.55 + i * 0.22)
            self.poly([(x, top), (x + half, bottom), (x - half, bottom)], green)
            self.poly([(x, top), (x + half, bottom), (x + half * 0.2, bottom)], dark)

    def windows(self, x0, y0, x1, y1, cols, rows, lit_share: float = 0.5) -> None:
        glass_day = self.lit((120, 150, 176))
        glass_night = (255, 212, 120)
        dark = self.lit((60, 66, 84))
        cw, rh = (x1 - x0) / cols, (y1 - y0) / rows
        for r in range(rows):
            for c in range(cols):
                wx, wy = x0 + c * cw + cw * 0.22, y0 + r * rh + rh * 0.2
                if self.light.night or self.light.brightness < 0.85:
                    fill = glass_night if self.rng.random() < lit_share else dark
                else:
                    fill = glass_day
                self.rect(wx, wy, wx + cw * 0.56, wy + rh * 0.6, fill)

    def building(
        self, x0, x1, ground, height, colour: Colour, roof: str = "flat", depth: float = 0.0
    ) -> None:
        wall = self.lit(colour, depth)
        self.rect(x0, ground - height, x1, ground, wall)
        self.rect(x1 - (x1 - x0) * 0.12, ground - height, x1, ground, darker(wall, 0.86))
        if roof == "pitched":
            self.poly(
                [
                    (x0 - 8, ground - height),
                    ((x0 + x1) / 2, ground - height - height * 0.35),
                    (x1 + 8, ground - height),
                ],
                self.lit((150, 70, 56), depth),
            )
        else:
            self.rect(x0 - 4, ground - height - 8, x1 + 4, ground - height, darker(wall, 0.75))
        cols = max(1, round((x1 - x0) / 46))
        rows = max(1, round(height / 62))
        self.windows(x0 + 6, ground - height + 14, x1 - 6, ground - 18, cols, rows)

    def skyline(self, ground, x0=-20, x1=WIDTH + 20, low=120, high=320, depth=0.0) -> None:
        x = x0
        while x < x1:
            w = self.rng.uniform(90, 200)
            self.building(
                x,
                x + w,
                ground,
                self.rng.uniform(low, high),
                self.rng.choice(WALLS),
                self.rng.choice(["flat", "flat", "pitched"]),
                depth,
            )
            x += w + self.rng.uniform(-10, 14)

    def pavement(self, top, colour=(176, 170, 160)) -> None:
        self.rect(-10, top, WIDTH + 10, HEIGHT + 10, self.lit(colour))
        edge = self.lit(darker(colour, 0.85))
        for i in range(0, WIDTH, 110):
            self.line([(i, top), (i - 260, HEIGHT)], edge, 1.5)

    def awning_stall(self, x, ground, width, accent: Colour) -> None:
        post = self.lit((110, 84, 60))
        top = ground - width * 0.95
        self.rect(x + 4, top, x + 10, ground, post)
        self.rect(x + width - 10, top, x + width - 4, ground, post)
        stripes = 7
        sw = (width + 24) / stripes
        for i in range(stripes):
            c = self.lit(accent if i % 2 == 0 else (246, 240, 226))
            lx = x - 12 + i * sw
            self.poly(
                [
                    (lx + 10, top - width * 0.28),
                    (lx + sw + 10, top - width * 0.28),
                    (lx + sw, top),
                    (lx, top),
                ],
                c,
            )
            self.chord(lx, top - sw * 0.45, lx + sw, top + sw * 0.45, 0, 180, c)
        self.rect(x, ground - width * 0.38, x + width, ground, self.lit((140, 104, 72)))
        self.rect(x, ground - width * 0.38, x + width, ground - width * 0.33, self.lit((170, 130, 90)))
        goods = [(220, 120, 40), (200, 60, 50), (230, 190, 60), (110, 150, 60), (160, 90, 60)]
        for row in range(2):
            for i in range(int(width / 22)):
                gx = x + 12 + i * 22 + row * 10
                gy = ground - width * 0.4 - row * 12
                self.circle(gx, gy, 9, self.lit(self.rng.choice(goods)))

    def felt_rug(self, x, y, w, h, accent: Colour) -> None:
        base = self.lit(accent)
        border = self.lit((244, 234, 210))
        self.rect(x, y, x + w, y + h, base)
        self.rect(x + w * 0.07, y + h * 0.06, x + w * 0.93, y + h * 0.94, border)
        self.rect(x + w * 0.12, y + h * 0.1, x + w * 0.88, y + h * 0.9, base)
        cx, cy = x + w / 2, y + h / 2
        for s, c in ((0.34, border), (0.22, darker(base, 0.7)), (0.1, border)):
            self.poly([(cx, cy - h * s), (cx + w * s, cy), (cx, cy + h * s), (cx - w * s, cy)], c)

    def turbine(self, x, ground, height, angle: float, depth: float = 0.0) -> None:
        white = self.lit((238, 240, 244), depth)
        shade = self.lit((200, 206, 214), depth)
        hub = (x, ground - height)
        self.poly(
            [
                (x - height * 0.025, ground),
                (x - height * 0.01, hub[1]),
                (x + height * 0.01, hub[1]),
                (x + height * 0.025, ground),
            ],
            white,
        )
        self.poly(
            [
                (x + height * 0.005, ground),
                (x + height * 0.004, hub[1]),
                (x + height * 0.01, hub[1]),
                (x + height * 0.025, ground),
            ],
            shade,
        )
        blade = height * 0.55
        for k in range(3):
            a = angle + k * 2 * math.pi / 3
            tip = (hub[0] + blade * math.cos(a), hub[1] + blade * math.sin(a))
            n = (-math.sin(a) * height * 0.022, math.cos(a) * height * 0.022)
            self.poly(
                [
                    hub,
                    (
                        hub[0] + n[0] + (tip[0] - hub[0]) * 0.2,
                        hub[1] + n[1] + (tip[1] - hub[1]) * 0.2,
                    ),
                    tip,
                ],
                white,
            )
        self.rounded(
            x - height * 0.03,
            hub[1] - height * 0.025,
            x + height * 0.07,
            hub[1] + height * 0.02,
            height * 0.01,
            shade,
        )
        self.circle(x, hub[1], height * 0.02, white)

    def wagon(self, x, rail_y, length, colour: Colour) -> None:
        body = self.lit(colour)
        h = length * 0.42
        self.rect(x, rail_y - h - 12, x + length, rail_y - 12, body)
        for i in range(1, 6):
            lx = x + length * i / 6
            self.line([(lx, rail_y - h - 10), (lx, rail_y - 14)], darker(body, 0.82), 2)
        self.rect(x - 4, rail_y - 14, x + length + 4, rail_y - 9, self.lit((50, 50, 56)))
        for wx in (x + length * 0.14, x + length * 0.26, x + length * 0.74, x + length * 0.86):
            self.circle(wx, rail_y - 7, 7, self.lit((40, 40, 46)))

    def locomotive(self, x, rail_y, length, colour: Colour) -> None:
        body = self.lit(colour)
        h = length * 0.36
        self.rect(x, rail_y - h - 12, x + length * 0.8, rail_y - 12, body)
        self.rect(x + length * 0.8, rail_y - h - 30, x + length, rail_y - 12, body)
        self.rect(
            x + length * 0.83,
            rail_y - h - 22,
            x + length * 0.97,
            rail_y - h + 4,
            (255, 214, 130) if self.light.night else self.lit((150, 184, 206)),
        )
        self.rect(x, rail_y - h * 0.55, x + length, rail_y - h * 0.4, self.lit((240, 200, 60)))
        self.rect(x - 4, rail_y - 14, x + length + 4, rail_y - 9, self.lit((50, 50, 56)))
        for i in range(4):
            self.circle(x + length * (0.14 + i * 0.24), rail_y - 7, 8, self.lit((40, 40, 46)))

    def bus(self, x, ground, length, colour: Colour) -> None:
        h = length * 0.34
        body = self.lit(colour)
        self.shadow(x - 10, x + length + 10, ground, 12)
        self.rounded(x, ground - h - 14, x + length, ground - 12, 14, body)
        glass = (255, 220, 140) if self.light.night else self.lit((150, 186, 210))
        for i in range(6):
            wx = x + 22 + i * (length - 60) / 6
            self.rect(wx, ground - h - 2, wx + (length - 60) / 6 - 8, ground - h * 0.5, glass)
        self.rect(x + length - 32, ground - h - 2, x + length - 10, ground - 24, glass)
        self.rect(x, ground - h * 0.32, x + length, ground - h * 0.24, self.lit((250, 250, 250)))
        self.rect(
            x + length - 40,
            ground - h - 12,
            x + length - 10,
            ground - h - 2,
            self.lit((40, 40, 40)),
        )
        for wx in (x + length * 0.18, x + length * 0.8):
            self.circle(wx, ground - 12, 16, self.lit((36, 36, 40)))
            self.circle(wx, ground - 12, 7, self.lit((170, 170, 176)))

    def helicopter(self, x, y, size) -> None:
        red = self.lit((204, 46, 40))
        dark = self.lit((40, 40, 48))
        self.ellipse(x - size * 0.5, y - size * 0.22, x + size * 0.3, y + size * 0.2, red)
        self.poly(
            [
                (x + size * 0.2, y - size * 0.08),
                (x + size * 1.0, y - size * 0.04),
                (x + size * 1.0, y + size * 0.02),
                (x + size * 0.2, y + size * 0.08),
            ],
            red,
        )
        self.poly(
            [
                (x + size * 0.92, y - size * 0.2),
                (x + size * 1.02, y - size * 0.2),
                (x + size * 1.02, y + size * 0.04),
                (x + size * 0.96, y + size * 0.04),
            ],
            red,
        )
        self.ellipse(
            x - size * 0.44,
            y - size * 0.16,
            x - size * 0.16,
            y + size * 0.02,
            self.lit((170, 210, 230)),
        )
        self.line([(x - size * 0.7, y - size * 0.3), (x + size * 0.55, y - size * 0.3)], dark, 3)
        self.rect(x - size * 0.06, y - size * 0.3, x + size * 0.02, y - size * 0.2, dark)
        self.line([(x - size * 0.4, y + size * 0.3), (x + size * 0.2, y + size * 0.3)], dark, 3)
        self.rect(x - size * 0.4, y + size * 0.12, x - size * 0.36, y + size * 0.3, dark)
        self.rect(x + size * 0.1, y + size * 0.12, x + size * 0.14, y + size * 0.3, dark)
        self.rect(
            x - size * 0.25,
            y - size * 0.02,
            x + size * 0.1,
            y + size * 0.04,
            self.lit((250, 250, 250)),
        )

    def columns_facade(
        self,
        x0,
        x1,
        ground,
        height,
        colour: Colour,
        columns: int,
        dome: bool = False,
        banners: bool = False,
    ) -> None:
        wall = self.lit(colour)
        stone = self.lit((236, 230, 216))
        shade = darker(wall, 0.82)
        w = x1 - x0
        if dome:
            cx = (x0 + x1) / 2
            self.rect(cx - w * 0.12, ground - height - w * 0.12, cx + w * 0.12, ground - height, wall)
            self.chord(
                cx - w * 0.13,
                ground - height - w * 0.26,
                cx + w * 0.13,
                ground - height + w * 0.0,
                180,
                360,
                self.lit((96, 150, 150)),
            )
            self.line(
                [(cx, ground - height - w * 0.26), (cx, ground - height - w * 0.36)],
                self.lit((80, 80, 86)),
                3,
            )
            # a plain swallow-tailed pennant: no real flag
            top = ground - height - w * 0.36
            self.poly(
                [
                    (cx, top),
                    (cx + 70, top + 6),
                    (cx + 52, top + 16),
                    (cx + 70, top + 26),
                    (cx, top + 30),
                ],
                self.lit((46, 140, 130)),
            )
        self.rect(x0, ground - height, x1, ground, wall)
        self.rect(x0 - 10, ground - height - 14, x1 + 10, ground - height, stone)
        portico = (x0 + w * 0.25, x1 - w * 0.25)
        self.poly(
            [
                (portico[0] - 20, ground - height - 14),
                ((x0 + x1) / 2, ground - height - 90),
                (portico[1] + 20, ground - height - 14),
            ],
            stone,
        )
        self.poly(
            [
                (portico[0] + 10, ground - height - 22),
                ((x0 + x1) / 2, ground - height - 76),
                (portico[1] - 10, ground - height - 22),
            ],
            shade,
        )
        self.windows(
            x0 + 10,
            ground - height + 20,
            portico[0] - 10,
            ground - 30,
            max(1, round((portico[0] - x0) / 52)),
            3,
            0.7,
        )
        self.windows(
            portico[1] + 10,
            ground - height + 20,
            x1 - 10,
            ground - 30,
            max(1, round((x1 - portico[1]) / 52)),
            3,
            0.7,
        )
        self.rect(portico[0], ground - height, portico[1], ground, shade)
        span = (portico[1] - portico[0]) / columns
        for i in range(columns):
            cx = portico[0] + span * (i + 0.5)
            self.rect(cx - span * 0.16, ground - height, cx + span * 0.16, ground - 12, stone)
            self.rect(
                cx + span * 0.06,
                ground - height,
                cx + span * 0.16,
                ground - 12,
                darker(stone, 0.88),
            )
        if banners:
            for i in range(columns - 1):
                bx = portico[0] + span * (i + 1) - span * 0.13
                c = self.lit(ACCENTS[(i * 2 + self.rng.randint(0, 2)) % len(ACCENTS)])
                self.rect(bx, ground - height + 20, bx + span * 0.26, ground - height * 0.45, c)
                self.poly(
                    [
                        (bx, ground - height * 0.45),
                        (bx + span * 0.13, ground - height * 0.4),
                        (bx + span * 0.26, ground - height * 0.45),
                    ],
                    c,
                )
        for i in range(3):
            self.rect(
                portico[0] - 30 - i * 14,
                ground - 12 + i * 6,
                portico[1] + 30 + i * 14,
                ground - 6 + i * 6,
                darker(stone, 0.95 - i * 0.05),
            )

    def lamp(self, x, ground, height) -> None:
        self.rect(x - 3, ground - height, x + 3, ground, self.lit((50, 52, 60)))
        if self.light.night or self.light.brightness < 0.85:
            self.glow(x, ground - height, 60, (255, 210, 130), 0.5)
            self.circle(x, ground - height, 9, (255, 226, 160))
        else:
            self.circle(x, ground - height, 9, self.lit((230, 230, 220)))

    def birds(self, count, x0, x1, y0, y1) -> None:
        c = mix(self.sky_at(y0), (30, 30, 40), 0.7)
        for _ in range(count):
            x, y, s = self.rng.uniform(x0, x1), self.rng.uniform(y0, y1), self.rng.uniform(8, 16)
            self.line([(x - s, y - s * 0.4), (x, y), (x + s, y - s * 0.5)], c, 2.2)

    def water(self, top, bottom, colour: Colour, reflect_from: float | None = None) -> None:
        body = self.lit(colour)
        if reflect_from is not None:
            box = (0, round(reflect_from * SCALE), WIDTH * SCALE, round(top * SCALE))
            above = self.img.crop(box).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
            above = above.resize((WIDTH * SCALE, round((bottom - top) * SCALE)))
            tinted = Image.blend(above, Image.new("RGB", above.size, body), 0.45)
            self.img.paste(tinted, (0, round(top * SCALE)))
        else:
            self.rect(-10, top, WIDTH + 10, bottom, body)
        highlight = mix(body, self.lit((255, 255, 255)), 0.35)
        for _ in range(90):
            y = self.rng.uniform(top + 4, bottom)
            x, w = self.rng.uniform(-20, WIDTH), self.rng.uniform(20, 90) * (0.4 + (y - top) / 300)
            self.line([(x, y), (x + w, y)], highlight, 1.5)


# -- scenes ---------------------------------------------------------------------------------------


def _backdrop(p: Painter, horizon: float, snow: bool = True) -> None:
    p.sun(horizon)
    p.clouds(p.rng.randint(2, 5), 60, horizon * 0.55)
    p.mountains(horizon, 9, (180, 330), (118, 128, 160), 0.55, snow=snow)
    p.hills(horizon - 2, 8, (120, 130, 110), 0.45)


def scene_mountains(p: Painter) -> None:
    horizon = 560
    p.sun(horizon - 120)
    p.clouds(3, 60, 250)
    p.mountains(horizon, 8, (260, 440), (112, 122, 158), 0.5)
    p.hills(horizon - 2, 8, (110, 120, 130), 0.5)
    p.mountains(horizon + 70, 7, (160, 300), (96, 106, 130), 0.28)
    p.hills(horizon + 66, 14, (96, 128, 84), 0.18)
    ground = p.hills(horizon + 230, 30, (120, 150, 86), 0.0)
    for _ in range(26):
        x = p.rng.uniform(-20, WIDTH + 20)
        p.pine(x, horizon + 250 + p.rng.uniform(0, 200), p.rng.uniform(80, 170))
    p.grass(ground[0][1] + 40, 300, (120, 150, 86))


def scene_rescue(p: Painter) -> None:
    scene_mountains(p)
    x = p.rng.uniform(300, 1100)
    p.helicopter(x, p.rng.uniform(170, 300), 180)


def scene_rescue_base(p: Painter) -> None:
    horizon = 600
    _backdrop(p, horizon)
    p.hills(horizon + 110, 26, (112, 146, 84), 0.1)
    ground = 880
    p.rect(-10, ground - 20, WIDTH + 10, HEIGHT + 10, p.lit((150, 146, 138)))
    x0 = p.rng.uniform(200, 500)
    p.building(x0, x0 + 720, ground, 240, (228, 220, 206), "pitched")
    for i in range(3):
        dx = x0 + 60 + i * 210
        p.rect(dx, ground - 170, dx + 170, ground, p.lit((200, 56, 46)))
        for k in range(1, 6):
            p.line(
                [(dx, ground - 170 + k * 28), (dx + 170, ground - 170 + k * 28)],
                p.lit((170, 40, 36)),
                2,
            )
    for i in range(6):
        p.pine(x0 - 140 - i * 40 + p.rng.uniform(-10, 10), ground - 10, p.rng.uniform(140, 220))
        p.pine(x0 + 800 + i * 70, ground - 10, p.rng.uniform(140, 220))
    p.crowd(x0 + 100, x0 + 600, ground + 70, 70, 5)


def scene_steppe(p: Painter, rugs: bool = False) -> None:
    horizon = 600
    _backdrop(p, horizon, snow=True)
    base = p.rng.choice(GRASS)
    p.hills(horizon + 60, 10, darker(base, 0.9), 0.25)
    p.hills(horizon + 110, 6, base, 0.0)
    p.grass(horizon + 140, 500, base)
    yurts: list[tuple[float, float]] = []
    while len(yurts) < p.rng.randint(4, 6):
        x, y = p.rng.uniform(80, WIDTH - 80), p.rng.uniform(horizon + 150, horizon + 300)
        if all(abs(x - ox) > 260 or abs(y - oy) > 90 for ox, oy in yurts):
            yurts.append((x, y))
    for x, y in sorted(yurts, key=lambda t: t[1]):
        p.yurt(x, y, 220 * (0.5 + (y - horizon) / 330), p.rng.choice(ACCENTS))
    if rugs:
        # a line of felt rugs drying between two posts, with visitors in front
        y = horizon + 360
        x0 = p.rng.uniform(120, WIDTH - 820)
        post = p.lit((110, 84, 60))
        p.rect(x0, y - 250, x0 + 10, y + 30, post)
        p.rect(x0 + 690, y - 250, x0 + 700, y + 30, post)
        p.line([(x0, y - 244), (x0 + 700, y - 244)], p.lit((70, 60, 50)), 2)
        for k in range(5):
            p.felt_rug(x0 + 22 + k * 134, y - 242, 118, 190 + p.rng.uniform(-24, 10), p.rng.choice(ACCENTS))
        p.crowd(60, WIDTH - 60, HEIGHT - 40, 130, 9)


def scene_felt(p: Painter) -> None:
    scene_steppe(p, rugs=True)


def scene_market(p: Painter) -> None:
    horizon = 540
    _backdrop(p, horizon)
    p.skyline(horizon + 150, low=160, high=300, depth=0.1)
    p.pavement(horizon + 140)
    y, width = horizon + 270, 170
    x = p.rng.uniform(-120, -20)
    first = p.rng.randint(0, len(ACCENTS) - 1)
    i = 0
    while x < WIDTH:
        p.awning_stall(x, y, width, ACCENTS[(first + i) % len(ACCENTS)])
        x += width + p.rng.uniform(14, 40)
        i += 1
    p.crowd(0, WIDTH, HEIGHT - 50, 150, 12)
    if p.light.night or p.light.brightness < 0.85:
        for x in range(120, WIDTH, 260):
            p.glow(x, horizon + 90, 40, (255, 210, 120), 0.6)
            p.circle(x, horizon + 90, 8, (255, 226, 160))


def scene_city(p: Painter) -> None:
    horizon = 620
    _backdrop(p, horizon)
    p.skyline(horizon + 60, low=140, high=300, depth=0.3)
    ground = 860
    p.skyline(ground, low=180, high=380)
    p.pavement(ground)
    for x in range(40, WIDTH, 180):
        p.poplar(x + p.rng.uniform(-30, 30), ground + 20, p.rng.uniform(220, 300))
    p.crowd(0, WIDTH, ground + 110, 100, 8)
    for x in range(100, WIDTH, 400):
        p.lamp(x + 90, ground + 60, 220)


def scene_civic(p: Painter) -> None:
    horizon = 640
    _backdrop(p, horizon)
    p.skyline(horizon + 40, low=100, high=200, depth=0.35)
    ground = 820
    p.pavement(ground, (190, 182, 170))
    x0 = p.rng.uniform(260, 420)
    p.columns_facade(x0, WIDTH - x0, ground, 300, p.rng.choice(WALLS), 6, dome=True)
    for side in (-1, 1):
        for i in range(3):
            x = (x0 - 60 - i * 90) if side < 0 else (WIDTH - x0 + 60 + i * 90)
            p.poplar(x, ground + 10, p.rng.uniform(240, 300))
    p.crowd(80, WIDTH - 80, ground + 140, 110, 7)


def scene_theatre(p: Painter) -> None:
    horizon = 640
    _backdrop(p, horizon)
    p.skyline(horizon + 40, low=100, high=220, depth=0.35)
    ground = 820
    p.pavement(ground, (180, 170, 160))
    x0 = p.rng.uniform(220, 360)
    p.columns_facade(x0, WIDTH - x0, ground, 330, (206, 150, 120), 5, banners=True)
    for x in (x0 - 80, WIDTH - x0 + 80):
        p.lamp(x, ground + 40, 240)
    p.crowd(100, WIDTH - 100, ground + 140, 110, 10)


def scene_school(p: Painter) -> None:
    horizon = 620
    _backdrop(p, horizon)
    p.hills(horizon + 40, 14, (110, 140, 90), 0.25)
    ground = 830
    p.rect(-10, ground - 30, WIDTH + 10, HEIGHT + 10, p.lit((132, 160, 96)))
    x0 = p.rng.uniform(220, 360)
    p.building(x0, WIDTH - x0, ground, 260, p.rng.choice(WALLS))
    p.rect((WIDTH / 2) - 70, ground - 120, WIDTH / 2 + 70, ground, p.lit((90, 70, 60)))
    p.rect(x0 - 40, ground, WIDTH - x0 + 40, ground + 40, p.lit((180, 176, 168)))
    for i in range(4):
        p.poplar(x0 - 60 - i * 60, ground + 20, p.rng.uniform(220, 300))
        p.poplar(WIDTH - x0 + 60 + i * 60, ground + 20, p.rng.uniform(220, 300))
    p.crowd(x0, WIDTH - x0, ground + 130, 90, 6)


def scene_railway(p: Painter) -> None:
    horizon = 600
    _backdrop(p, horizon)
    base = p.rng.choice(GRASS)
    p.hills(horizon + 50, 8, base, 0.1)
    p.grass(horizon + 80, 160, base)
    gravel = p.lit((150, 140, 128))
    p.rect(-10, horizon + 170, WIDTH + 10, HEIGHT + 10, gravel)
    rail = p.lit((90, 90, 96))
    tracks = (horizon + 200, horizon + 320)
    for rail_y in tracks:
        for x in range(-10, WIDTH, 34):
            p.rect(x, rail_y - 4, x + 20, rail_y + 14, p.lit((110, 84, 62)))
        p.rect(-10, rail_y - 4, WIDTH + 10, rail_y, rail)
        p.rect(-10, rail_y + 10, WIDTH + 10, rail_y + 14, rail)
    # a freight train on the far track, containers in many colours
    x = p.rng.uniform(-400, -100)
    p.locomotive(x, tracks[0], 200, p.rng.choice([(46, 110, 70), (180, 60, 40), (40, 90, 150)]))
    x += 214
    while x < WIDTH:
        p.wagon(x, tracks[0], 170, p.rng.choice(ACCENTS + [(120, 120, 130)]))
        x += 180
    # a gantry crane over the near track, lifting a container
    cx = p.rng.uniform(150, 500)
    steel = p.lit((230, 170, 40))
    p.rect(cx, horizon - 90, cx + 24, tracks[1] + 20, steel)
    p.rect(cx + 560, horizon - 90, cx + 584, tracks[1] + 20, steel)
    p.rect(cx - 20, horizon - 112, cx + 604, horizon - 80, steel)
    p.line([(cx + 290, horizon - 80), (cx + 290, horizon + 150)], p.lit((60, 60, 66)), 3)
    p.rect(cx + 200, horizon + 150, cx + 380, horizon + 230, p.lit(p.rng.choice(ACCENTS)))
    # stacks of containers in the yard
    yard = tracks[1] + 50
    x = cx + 700
    while x < WIDTH + 100:
        for level in range(p.rng.randint(1, 3)):
            colour = p.lit(p.rng.choice(ACCENTS + [(120, 120, 130)]))
            top = yard + 60 - (level + 1) * 64
            p.rect(x, top, x + 240, top + 62, colour)
            for k in range(1, 12):
                p.line([(x + k * 20, top + 4), (x + k * 20, top + 58)], darker(colour, 0.85), 2)
        x += 260
    p.crowd(60, cx + 600, HEIGHT - 40, 120, 3)


def scene_road(p: Painter) -> None:
    horizon = 600
    _backdrop(p, horizon)
    base = p.rng.choice(GRASS)
    p.hills(horizon + 40, 10, base, 0.08)
    p.grass(horizon + 60, 400, base)
    vx = p.rng.uniform(600, 1000)
    asphalt = p.lit((92, 94, 100))
    p.poly(
        [
            (vx - 12, horizon + 40),
            (vx + 12, horizon + 40),
            (vx + 900, HEIGHT + 10),
            (vx - 900, HEIGHT + 10),
        ],
        asphalt,
    )
    marks = p.lit((240, 236, 220))
    y = horizon + 60
    while y < HEIGHT:
        t = (y - horizon - 40) / (HEIGHT - horizon - 40)
        length = 6 + 40 * t
        p.poly(
            [
                (vx - 2 - 6 * t, y),
                (vx + 2 + 6 * t, y),
                (vx + 2 + 7 * t, y + length),
                (vx - 2 - 7 * t, y + length),
            ],
            marks,
        )
        y += length * 2.2
    p.bus(vx + 80, horizon + 330, 360, p.rng.choice([(40, 110, 170), (196, 58, 48), (46, 140, 110)]))
    for i in range(5):
        side = -1 if i % 2 else 1
        p.poplar(vx + side * (200 + i * 160), horizon + 120 + i * 60, 160 + i * 40)


def scene_bus(p: Painter) -> None:
    horizon = 560
    p.sun(horizon)
    p.clouds(3, 60, 260)
    p.mountains(horizon, 8, (220, 380), (112, 122, 158), 0.45)
    p.hills(horizon + 80, 60, (112, 140, 90), 0.2)
    for _ in range(14):
        x = p.rng.uniform(0, WIDTH)
        y = horizon + 140 + p.rng.uniform(0, 120)
        p.building(
            x,
            x + p.rng.uniform(80, 140),
            y,
            p.rng.uniform(70, 120),
            p.rng.choice(WALLS),
            "pitched",
            0.15,
        )
    ground = 880
    p.pavement(ground - 150, (120, 120, 126))
    p.rect(-10, ground + 30, WIDTH + 10, HEIGHT + 10, p.lit((186, 180, 170)))
    p.bus(p.rng.uniform(200, 800), ground, 560, p.rng.choice([(40, 110, 170), (46, 140, 110)]))
    p.rect(1240, ground - 200, 1250, ground + 40, p.lit((60, 60, 66)))
    p.rect(1210, ground - 220, 1280, ground - 170, p.lit((40, 110, 170)))
    p.crowd(1290, 1560, ground + 90, 120, 3)


def scene_river(p: Painter) -> None:
    horizon = 560
    _backdrop(p, horizon)
    base = p.rng.choice(GRASS)
    p.hills(horizon + 60, 16, base, 0.15)
    for _ in range(12):
        p.poplar(p.rng.uniform(0, WIDTH), horizon + 90, p.rng.uniform(120, 180), 0.15)
    p.water(horizon + 100, 840, (70, 120, 150), reflect_from=horizon - 140)
    stone = p.lit((168, 160, 150))
    top = 840
    p.poly([(-10, top), (WIDTH + 10, top - 30), (WIDTH + 10, HEIGHT + 10), (-10, HEIGHT + 10)], stone)
    joint = darker(stone, 0.82)
    for k in range(1, 5):
        y = top + k * 34
        p.line([(-10, y - 30 * (1 - k / 5)), (WIDTH + 10, y - 30 - 30 * (1 - k / 5) + 30)], joint, 2)
    for x in range(0, WIDTH, 90):
        p.line([(x, top - x / WIDTH * 30), (x - 30, HEIGHT)], joint, 2)
    p.rect(-10, top - 40, WIDTH + 10, top - 30 - 0, p.lit((110, 110, 116)))
    for _ in range(3):
        x = p.rng.uniform(200, WIDTH - 200)
        p.person(x, top - 40, 130, (240, 130, 40))


def scene_lake(p: Painter) -> None:
    horizon = 520
    p.sun(horizon)
    p.clouds(3, 60, 260)
    p.mountains(horizon, 9, (200, 340), (112, 122, 158), 0.45)
    p.hills(horizon - 14, 10, (86, 118, 80), 0.3)
    p.water(horizon, HEIGHT - 150, (66, 120, 150), reflect_from=horizon - 360)
    reeds = p.lit((150, 140, 80))
    p.rect(-10, HEIGHT - 160, WIDTH + 10, HEIGHT + 10, p.lit((140, 150, 90)))
    for _ in range(240):
        x = p.rng.uniform(0, WIDTH)
        p.line(
            [
                (x, HEIGHT - 150),
                (x + p.rng.uniform(-10, 10), HEIGHT - 150 - p.rng.uniform(40, 130)),
            ],
            reeds,
            2.5,
        )
    p.birds(18, 200, 1300, 120, 360)


def scene_wind(p: Painter) -> None:
    horizon = 600
    _backdrop(p, horizon)
    base = p.rng.choice(GRASS)
    ridge = p.hills(horizon - 10, 36, darker(base, 0.85), 0.2)
    for x, y in ridge[6::11]:
        if 0 < x < WIDTH:
            p.turbine(x, y + 6, p.rng.uniform(200, 260), p.rng.uniform(0, math.tau), 0.2)
    p.hills(horizon + 150, 24, base, 0.0)
    for i in range(3):
        x = 180 + i * 540 + p.rng.uniform(-60, 60)
        p.turbine(x, horizon + 200 + i * 15, 460, p.rng.uniform(0, math.tau))
    p.grass(horizon + 190, 400, base)


SCENES: dict[str, Callable[[Painter], None]] = {
    "mountains": scene_mountains,
    "rescue": scene_rescue,
    "rescue_base": scene_rescue_base,
    "steppe": scene_steppe,
    "felt": scene_felt,
    "market": scene_market,
    "city": scene_city,
    "civic": scene_civic,
    "theatre": scene_theatre,
    "school": scene_school,
    "railway": scene_railway,
    "road": scene_road,
    "bus": scene_bus,
    "river": scene_river,
    "lake": scene_lake,
    "wind": scene_wind,
}


def draw_scene(scene: str, seed: int, light: str = "day") -> Image.Image:
    """The picture for (scene, seed, light), 1600 × 1000, RGB."""
    painter = Painter(random.Random(f"{scene}:{seed}:{light}"), LIGHTS[light])
    SCENES[scene](painter)
    return painter.img.reduce(SCALE)


@lru_cache(maxsize=64)
def scene_jpeg(scene: str, seed: int, light: str = "day") -> bytes:
    """The picture as JPEG bytes; cached so a translation's copy costs nothing to draw."""
    out = io.BytesIO()
    draw_scene(scene, seed, light).save(out, "JPEG", quality=88, optimize=True)
    return out.getvalue()


def portrait_jpeg(initials: str, colour: Colour, seed: int, size: int = 480) -> bytes:
    """An abstract portrait: a coloured disc with the author's initials and a few shapes."""
    rng = random.Random(f"portrait:{seed}")
    big = size * SCALE
    background = mix(colour, (250, 246, 238), 0.82)
    img = Image.new("RGB", (big, big), background)
    draw = ImageDraw.Draw(img)
    for _ in range(3):
        r = rng.uniform(0.15, 0.35) * big
        x, y = rng.uniform(0, big), rng.uniform(0, big)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=mix(colour, background, 0.6))
    margin = big * 0.1
    draw.ellipse([margin, margin, big - margin, big - margin], fill=colour)
    draw.chord([margin, margin, big - margin, big - margin], 20, 160, fill=darker(colour, 0.85))
    try:
        font = ImageFont.load_default(size=round(big * 0.3))
        draw.text((big / 2, big / 2), initials, font=font, fill=(255, 255, 255), anchor="mm")
    except (OSError, TypeError, ValueError):  # Pillow without FreeType: initials as bars
        for i, _letter in enumerate(initials):
            x = big * (0.38 + 0.18 * i)
            draw.rectangle([x - big * 0.04, big * 0.36, x + big * 0.04, big * 0.64], fill=(255, 255, 255))
    out = io.BytesIO()
    img.reduce(SCALE).save(out, "JPEG", quality=90)
    return out.getvalue()
