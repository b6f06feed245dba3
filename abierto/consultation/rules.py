"""Who may do what in the consultation on the draft plan, and when.

Everyone reads (anonymous visitors too). Anyone signed in comments, only while a stage of the process that
switches ``comment_draft`` on is open (the clock is read through ``django.utils.timezone``, so tests freeze
it). The secretariat answers and moderates, at any time. The object of ``comment`` is the process.
"""

import rules

from abierto.accounts.rules import is_participant, is_secretariat
from abierto.cocreation.rules import stage_allows

allows_comment_draft = stage_allows("comment_draft")

rules.add_perm("consultation.view", rules.always_allow)
rules.add_perm("consultation.comment", is_participant & allows_comment_draft)
rules.add_perm("consultation.answer", is_secretariat)
rules.add_perm("consultation.moderate", is_secretariat)
