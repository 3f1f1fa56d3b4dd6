"""Recognising the procedural items every agenda has, so planners need not label them.

An item's `role` in the file wins; otherwise the title decides. The titles that United Nations
agendas print, in English, French and Spanish (`RECOGNISED` lists an example of each; the test
reads it as a table):

- opening: opening of the session, meeting, conference or Assembly; election of the President,
  Chair, Chairperson(-Rapporteur), officers or Bureau; adoption of the agenda (and other
  organizational matters); organizational matters; organization of (the) work (of the session);
  appointment of the Credentials Committee; approval of the minutes;
- other-matters: other matters, other business, any other business, miscellaneous;
- report: adoption of the (draft) report;
- closing: closure or closing of the session or meeting;
- statement: a statement, address, oral report, briefing or message by one speaker ("Statement by
  the Executive Director", "Oral report by the Chairperson", "Allocution du Président"): short by
  nature, it keeps its estimate (a debate of statements by delegations is not one).
"""

from __future__ import annotations

import re

from solver.languages import Title, texts

_OPENING = (
    # English
    r"opening of the (session|meeting|conference|assembly|\w+ session)",
    r"election of (the )?(officers|president|chair|chairs|chairperson|chairperson-rapporteur|bureau|vice-chairs?|vice-presidents?)",
    r"election of the (chair|president|chairperson)\w*",
    r"adoption of the (provisional )?agenda",
    r"organizational matters",
    r"organi[sz]ation of (the )?work",
    r"appointment of (the )?credentials committee",
    r"approval of the minutes",
    # French
    r"ouverture de la (session|réunion|conférence)",
    r"élection (du bureau|du président|de la présidence|des membres du bureau|des vice-présidents)",
    r"adoption de l'ordre du jour",
    r"questions d'organisation",
    r"organisation des travaux",
    r"nomination de la commission de vérification des pouvoirs",
    r"approbation du procès-verbal",
    # Spanish
    r"apertura del (período de sesiones|periodo de sesiones|reunión)",
    r"apertura de la (reunión|conferencia)",
    r"elección de (la mesa|el presidente|la presidencia|los miembros de la mesa|la presidenta)",
    r"elección del presidente",
    r"aprobación del programa",
    r"cuestiones de organización",
    r"organización de los trabajos",
    r"nombramiento de la comisión de verificación de poderes",
    r"aprobación del acta",
)
_OTHER = (
    r"other matters", r"other business", r"any other business", r"miscellaneous",
    r"questions diverses", r"autres questions",
    r"otros asuntos", r"asuntos varios", r"otras cuestiones",
)
_REPORT = (
    r"adoption of (the|its) (draft )?report",
    r"adoption du (projet de )?rapport",
    r"aprobación del (proyecto de )?informe",
)
# a single speaker, or a short report: kept to its estimate, never stretched over a debate's time
_STATEMENT = (
    r"statement by (the|a|an|his|her|its)\b", r"(opening|introductory|closing|keynote|policy) (statement|address)",
    r"address by", r"oral report", r"briefing by", r"message (from|of) the", r"remarks by",
    r"déclaration (de|du|des|de la|liminaire|d'ouverture)\b", r"allocution", r"rapport oral", r"exposé (de|du|liminaire)", r"message du",
    r"declaración (de|del|de la|inaugural)\b", r"discurso", r"informe oral", r"exposición (de|del)", r"mensaje del",
)
_CLOSING = (
    r"clos(ure|ing) of the (session|meeting|conference|\w+ session)",
    r"clôture de la (session|réunion|conférence)",
    r"clausura del (período de sesiones|periodo de sesiones|reunión)",
    r"clausura de la (reunión|conferencia)",
)


def _pattern(alternatives: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"^(" + "|".join(alternatives) + r")\b", re.IGNORECASE)


_ROLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("closing", _pattern(_CLOSING)),
    ("opening", _pattern(_OPENING)),
    ("other-matters", _pattern(_OTHER)),
    ("report", _pattern(_REPORT)),
    ("statement", _pattern(_STATEMENT)),
)

# a title of each kind, with the role orgwork gives it (tests read this as a table)
RECOGNISED: tuple[tuple[str, str], ...] = (
    ("Opening of the session", "opening"),
    ("Opening of the meeting", "opening"),
    ("Opening of the Assembly", "opening"),
    ("Opening of the Conference", "opening"),
    ("Election of officers", "opening"),
    ("Election of the President", "opening"),
    ("Election of the Chair", "opening"),
    ("Election of the Chairperson-Rapporteur", "opening"),
    ("Election of the Bureau", "opening"),
    ("Adoption of the agenda", "opening"),
    ("Adoption of the agenda and other organizational matters", "opening"),
    ("Adoption of the provisional agenda and organization of work", "opening"),
    ("Organizational matters", "opening"),
    ("Organization of work", "opening"),
    ("Organization of the work of the session", "opening"),
    ("Appointment of the Credentials Committee", "opening"),
    ("Approval of the minutes", "opening"),
    ("Ouverture de la session", "opening"),
    ("Élection du Bureau", "opening"),
    ("Élection du Président", "opening"),
    ("Adoption de l'ordre du jour et organisation des travaux", "opening"),
    ("Questions d'organisation", "opening"),
    ("Questions d’organisation", "opening"),  # the apostrophe as typeset
    ("Adoption de l’ordre du jour et organisation des travaux", "opening"),
    ("Organisation des travaux", "opening"),
    ("Nomination de la Commission de vérification des pouvoirs", "opening"),
    ("Approbation du procès-verbal", "opening"),
    ("Apertura del período de sesiones", "opening"),
    ("Elección de la Mesa", "opening"),
    ("Elección del Presidente", "opening"),
    ("Aprobación del programa y organización de los trabajos", "opening"),
    ("Cuestiones de organización", "opening"),
    ("Organización de los trabajos", "opening"),
    ("Nombramiento de la Comisión de Verificación de Poderes", "opening"),
    ("Aprobación del acta", "opening"),
    ("Other matters", "other-matters"),
    ("Other business", "other-matters"),
    ("Any other business", "other-matters"),
    ("Miscellaneous", "other-matters"),
    ("Questions diverses", "other-matters"),
    ("Autres questions", "other-matters"),
    ("Otros asuntos", "other-matters"),
    ("Asuntos varios", "other-matters"),
    ("Adoption of the report", "report"),
    ("Adoption of the draft report", "report"),
    ("Adoption of its report", "report"),
    ("Adoption du rapport", "report"),
    ("Adoption du projet de rapport", "report"),
    ("Aprobación del informe", "report"),
    ("Aprobación del proyecto de informe", "report"),
    ("Closure of the session", "closing"),
    ("Closing of the session", "closing"),
    ("Closure of the meeting", "closing"),
    ("Clôture de la session", "closing"),
    ("Clausura del período de sesiones", "closing"),
    ("Statement by the Executive Director", "statement"),
    ("Address by the Director-General", "statement"),
    ("Keynote address", "statement"),
    ("Oral report by the Chairperson on the informal consultations", "statement"),
    ("Briefing by the Secretariat", "statement"),
    ("Déclaration du Directeur exécutif", "statement"),
    ("Allocution du Président", "statement"),
    ("Rapport oral du Président", "statement"),
    ("Declaración del Director Ejecutivo", "statement"),
    ("Informe oral de la Presidencia", "statement"),
    ("Statements by Member States", "none"),
    ("General statements by Groups of States", "none"),
    ("Review of implementation of the Convention", "none"),
    ("General debate", "none"),
    ("Reports of the Secretary-General", "none"),
)


def role_from_title(title: Title) -> str:
    """The role a title announces: 'opening', 'other-matters', 'report', 'closing', 'statement' or 'none'.
    A title given per language announces the role of its first text that announces one."""
    for given in texts(title):
        text = " ".join(given.strip().replace("\u2019", "'").split())  # "l’ordre du jour" as typeset
        for role, pattern in _ROLE_PATTERNS:
            if pattern.search(text):
                return role
    return "none"
