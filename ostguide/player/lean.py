"""pygame imported for its mixer alone.

`import pygame` also imports its array modules (`surfarray`, `sndarray`: numpy) and `pkgdata`
(setuptools' `pkg_resources`), which the mixer never uses: 190–230 ms of a 230 ms import here,
against 27–36 ms without them. They are kept out while pygame is imported (pygame's own
`__init__` leaves a stand-in for a submodule that fails to import) and may still be imported by
name afterwards. The mixer imports pygame from here.
"""

from __future__ import annotations

import sys

from ostguide.player import quiet as quiet  # the banner is hidden before pygame is imported

UNUSED = ("pygame.surfarray", "pygame.sndarray", "pygame.pkgdata")
"""pygame's submodules that the mixer does without."""

_kept_out = [name for name in UNUSED if "pygame" not in sys.modules and name not in sys.modules]
for _name in _kept_out:
    sys.modules[_name] = None  # type: ignore[assignment]  # what makes `import` fail at once
try:
    import pygame as pygame
finally:
    for _name in _kept_out:
        if sys.modules.get(_name, pygame) is None:
            del sys.modules[_name]
