"""Abierto: a platform on which a State runs its open-government agenda in the open."""
