"""What the whole site shares: the versions of the public data, which the page cache keys on."""

from django.db import models


class DataVersion(models.Model):
    """One row per scope of public data (the registry, the forum, co-creation's structure, participation in it).
    A scope's counter goes up after every committed change to it, so a cached page built from an older version is
    never served again. Kept in the database, not in the cache, so that every app server sees the same versions
    whatever cache backend each one uses."""

    scope = models.CharField(max_length=20, unique=True)
    counter = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "versión de los datos públicos"

    def __str__(self) -> str:
        return f"{self.scope}: {self.counter}"
