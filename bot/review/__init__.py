"""The advisor console's data layer: conversations from Rasa's tracker store, annotations,
NLU export, dashboard figures and retention, with no Rasa import and no web code.

Contract with bot/console (the web layer); both sides note refinements here.
- privacy.mask(text); logs.ConversationLog(tracker_url, app_url, low_confidence) with
  channels(), conversations(Filters, page, per_page) -> Page, transcript(sender, reveal);
  annotations.AnnotationStore(engine), domain_intents(), AnnotationError;
  export.nlu_yaml(annotations, masked=True); dashboard.stats(log, filters, top), charts(stats);
  purge.purge(tracker_url, app_url, older_than_days, dry_run=False, now=None).
- REVIEW refinements (additive, defaults keep the brief's signatures):
  * Filters raises ValueError (a sentence) for an unknown flag or a backwards date range;
    conversations() clamps page >= 1 and 1 <= per_page <= 200; Page.pages is the page count.
  * Turn has two more fields, fallback and low_confidence (user turns), for highlighting.
  * "low_confidence" flags a message understood below the threshold; an nlu_fallback message is
    "fallback" only. Filters.text searches the masked text (what the advisor sees).
  * ConversationSummary.flags never holds "unreviewed" (it is only a filter value).
  * Annotating with intent "out_of_scope" is stored as out_of_scope=True, intent=None.
    A note alone is a valid annotation (not exported). AnnotationStore(engine, domain_path=...).
  * ConversationLog.messages(filters) -> List[UserMessage] feeds the dashboard.
- add-advisor: `python -m bot.review add-advisor EMAIL` calls bot.console.accounts.main_add_advisor
  (argv-style: returns an exit code) when that module exists; WEB helper, please confirm the name.
  WEB: confirmed. bot.console.accounts.main_add_advisor(argv: List[str], engine=None) -> int parses
  `EMAIL [--password-stdin] [--reset-password]` itself (prompts twice with getpass otherwise) and
  prints its own messages; pass the argv after "add-advisor". It uses load_settings().database_url
  unless given an engine. `python -m bot.console add-advisor` calls the same function.
- REVIEW, later additions: nlu_yaml(..., existing=None, intents=None) leaves out examples already in
  data/nlu (a conflicting one is listed in a "# left out:" comment) and intents not in domain.yml, so
  the export passes `rasa data validate --fail-on-warnings`. PurgeResult also has annotations,
  handoff_requests and roadmap_progress (default 0). Dashboard ties sort alphabetically.
  transcript() masks Turn.annotation.text like the turn (unmasked only with reveal=True).
  tests/review_store.py writes tracker stores row by row as Rasa does (TrackerStore(url)
  .conversation(sender, channel, start).exchange(text, intent, reply, confidence)): use it freely.
  README: WEB owns it; the CLI needs a few lines there (python -m bot.review list|show|export|purge,
  exit codes 2 for bad arguments, 1 for an unknown sender or an unreadable database).
"""
