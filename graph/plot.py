"""Matplotlib with Chinese labels: find an installed CJK font and use it.

Without a CJK font matplotlib draws every Chinese character as an empty box
("tofu") and warns ``Glyph ... missing from font(s)``. :func:`use_cjk_font` picks
the first installed font of :data:`CJK_FONTS` (``make system-deps`` installs
WenQuanYi Zen Hei from Debian's ``fonts-wqy-zenhei``) and makes it matplotlib's
default; without one it fails in one line that says what to install.

>>> "WenQuanYi Zen Hei" in CJK_FONTS
True
"""

from __future__ import annotations

import logging

from ..errors import GongbaoError

__all__ = ["CJK_FONTS", "use_cjk_font"]

#: Font families that cover Chinese, in order of preference.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "AR PL UMing CN",
    "Droid Sans Fallback",
)


def use_cjk_font() -> str:
    """Make an installed CJK font matplotlib's default; the family chosen."""
    try:
        import matplotlib
        from matplotlib import font_manager
    except ImportError as err:
        raise GongbaoError(
            "plots need matplotlib (a gongbao dependency); reinstall gongbao"
        ) from err
    # WenQuanYi Zen Hei has no "normal" weight, only medium: matplotlib logs that
    # it takes 500 instead on every figure; the substitution is what we want.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    installed = {font.name for font in font_manager.fontManager.ttflist}
    for family in CJK_FONTS:
        if family in installed:
            matplotlib.rcParams["font.family"] = "sans-serif"
            matplotlib.rcParams["font.sans-serif"] = [
                family,
                *matplotlib.rcParams["font.sans-serif"],
            ]
            matplotlib.rcParams["axes.unicode_minus"] = False
            return family
    raise GongbaoError(
        "no CJK font for matplotlib (Chinese labels would be empty boxes); "
        "install one: `make system-deps` (Debian fonts-wqy-zenhei or fonts-noto-cjk)"
    )
