"""A rough guess at a caption's language from function words, good enough to pick the label's language.

Only words that belong to one of the six languages count ("de", "la", "en", "is" are left out because they
are common to several). A guess needs at least two hits and twice as many as the runner-up; otherwise None.
"""

from __future__ import annotations

from bot.disclosure.normalise import word_re, word_set

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": word_set(
        "the and my with this for you it's are of your just what have has were from our they loving love new "
        "i'm don't can't their them these those which would could should"
    ),
    "de": word_set(
        "und ich mit der das ist nicht ein eine einen mein meine meinen fur auf auch sich sehr neue neuen "
        "habe euch wir ihr dem den bei oder aber noch schon jetzt"
    ),
    "fr": word_set(
        "les et est une avec pour mon mes je pas sur qui dans tres vous nouveau nouvelle c'est du des j'ai au "
        "aux ce cette notre votre vos sont mais"
    ),
    "es": word_set("el los las y para mis muy por esta este nuevo nueva pero sus estoy como mas"),
    "it": word_set(
        "gli della questo questa nuovo nuova molto sono che di mio mia miei ho anche nella sul alla dal delle "
        "degli perche"
    ),
    "nl": word_set("het een met voor mijn ik niet van deze dit zijn ook nieuwe wat op jullie naar maar heb bij"),
}
_LANGUAGE_OF: dict[str, str] = {word: language for language, words in _STOPWORDS.items() for word in words}


# A long text's language is guessed from its first SAMPLE_CHARS characters: a caption's first lines are what
# its readers read (and where the label goes), and reading a 5,000-character description whole costs a pass.
SAMPLE_CHARS = 1_000


def guess_language(normalised_text: str) -> str | None:
    """ISO 639-1 code of the caption's language (en, de, fr, es, it, nl), or None when unsure."""
    words = word_re(normalised_text).findall(normalised_text, 0, SAMPLE_CHARS)
    hits = list(filter(None, map(_LANGUAGE_OF.get, words)))
    if len(hits) < 2:
        return None
    counts: dict[str, int] = {}
    for language in hits:
        counts[language] = counts.get(language, 0) + 1
    # the most frequent language, if clearly ahead of the runner-up (a tie at the top is never a guess)
    best = max(counts, key=counts.__getitem__)
    top = counts.pop(best)
    second = max(counts.values(), default=0)
    if top >= 2 and top >= 2 * second:
        return best
    return None
