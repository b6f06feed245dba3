"""What the whole site shares: the version of the public data, which the page cache keys on."""

from django.db import models


class DataVersion(models.Model):
    """One row. Its counter goes up after every committed change to public data, so a cached page of an older
    version is never served again. Kept in the database, not in the cache, so that every app server sees the
    same version whatever cache backend each one uses."""

    counter = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "versión de los datos públicos"

    def __str__(self) -> str:
        return str(self.counter)
