"""What `rules new` can write.  Its own module: the command line takes the allowed KIND
values from here at every start-up, and the skeletons' module imports the pack's checks."""

from __future__ import annotations

from typing import Literal, get_args

Kind = Literal["route", "situation", "fact"]
KINDS: tuple[Kind, ...] = get_args(Kind)
