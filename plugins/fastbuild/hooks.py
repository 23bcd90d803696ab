"""Signals sent around the articles' conversion, for plugins whose work on each article
can ride along in the conversion workers instead of waiting for Pelican to read the
articles one by one (plugins/site_search writes its search records there, so Pagefind
starts as soon as the last article is converted).

Named blinker signals, as Pelican's own (pelican.plugins.signals); receivers connect
in their plugin's register(), so the forked workers have them too.
"""

from __future__ import annotations

from blinker import signal

#: In the build process, before the workers start. Sender: the articles generator;
#: `converting`: how many articles the workers will read; `cached`: how many are
#: answered from the build cache instead (no article_converted for those).
conversion_started = signal("fastbuild_conversion_started")

#: In a conversion worker, once per article read (not for a file Pelican skips). Sender:
#: the article as Pelican will build it (its content class, content_object_init sent),
#: but only a copy: nothing done to it reaches the build, and a receiver's exception is
#: ignored (the article is converted all the same). Made only while this signal has
#: receivers.
article_converted = signal("fastbuild_article_converted")

#: In the build process, once the workers are done, before Pelican reads the first
#: article. Sender: the articles generator; `failed`: how many articles the workers
#: could not read (Pelican reads them again, and reports why).
conversion_finished = signal("fastbuild_conversion_finished")
