"""A reproducible corpus of long, YouTube-style video descriptions for the disclosure checker's throughput bench.

    .venv/bin/python bench/youtube_descriptions.py [--count 2000] [--seed 13] > descriptions.jsonl

Each description is built like the real ones creators write (1-5 KB): an opening line (sometimes with the
sponsor read, "#ad", "This video is sponsored by …", or nothing), a few paragraphs of text, chapter timestamps,
a gear list with affiliate links (amzn.to, geni.us, rstyle.me, ?tag=), discount codes, social links, a
"business enquiries" e-mail, an affiliate disclaimer and a hashtag line; in English mostly, some German,
French, Spanish, Italian and Dutch. All words are generated here from fixed lists, so the corpus is the same
for a seed on every machine and holds no one's real text.
"""

from __future__ import annotations

import argparse
import json
import random
import sys

from bot.vocabulary import Jurisdiction

OPENERS = [
    "",
    "",
    "#ad This video is sponsored by Kettle Co.",
    "Thanks to Squarespace for sponsoring today's video!",
    "This video is sponsored by NordVPN. Get 70% off with my link below.",
    "Werbung | Dieses Video wird unterstützt von Holzkamm.",
    "Publicité - Merci à Lumière pour ce partenariat.",
    "Paid partnership with @glowco.",
    "Today's video was made possible by Skillshare.",
    "Not sponsored, I bought everything myself!",
]
SENTENCES = [
    "In this video I walk you through my whole morning routine, step by step, with everything I use.",
    "I have been testing this camera for three months now and here is what I really think about it.",
    "We drove from Adelaide to Melbourne along the coast road and filmed every stop on the way.",
    "If you are ready for a little adventure, this hike is the one to do before the summer is over.",
    "Let me know in the comments what you want to see next, I read every single one of them.",
    "This serum helps prevent breakouts and my skin has been calmer than ever since I started it.",
    "The product arrived last week and I unboxed it live with you, so this is my honest first look.",
    "Heute zeige ich euch meine Lieblingsprodukte für den Winter und wie ich sie benutze.",
    "Aujourd'hui je vous montre ma routine du matin et tous les produits que j'utilise.",
    "Hoy os enseño mi rutina de mañana y todos los productos que uso cada día.",
    "Oggi vi mostro la mia routine della mattina e tutti i prodotti che uso.",
    "Vandaag laat ik jullie mijn ochtendroutine zien en alle producten die ik gebruik.",
    "Spread the word and share this video with a friend who needs a new address book for their recipes.",
    "Huge thanks to everyone who supports the channel, you make these videos possible.",
    "Full recipe with measurements is on the blog, and the shopping list is at the end of this description.",
]
GEAR = [
    "Camera: https://amzn.to/3xYzAbc",
    "Lens: https://geni.us/sigma1835",
    "Mic: https://www.amazon.com/dp/B07XYZ1234?tag=mychannel-20",
    "Tripod: https://rstyle.me/n/abc123def",
    "Lights: https://bhpho.to/3kLmNop",
    "Editing laptop: https://www.bestbuy.com/site/laptop/123456.p?skuId=123456",
    "Music: https://www.epidemicsound.com/referral/abc123",
    "Presets: https://mystore.shop/presets",
]
SOCIAL = [
    "Instagram: https://instagram.com/maya.makes",
    "TikTok: https://www.tiktok.com/@maya.makes",
    "Newsletter: https://mayamakes.substack.com",
    "Business enquiries: hello@mayamakes.com",
    "Website: www.mayamakes.com",
]
CODES = ["Use code MAYA10 for 10% off at Kettle Co.", "Code GLOW20 gets you 20% off your first order.", ""]
DISCLAIMERS = [
    "Some of the links above are affiliate links, which means I earn a small commission if you buy through them.",
    "As an Amazon Associate I earn from qualifying purchases.",
    "This description contains affiliate links.",
    "",
]
HASHTAGS = ["#skincare #morningroutine #vlog", "#travel #roadtrip #australia", "#camera #filmmaking #review", ""]


def description(rng: random.Random) -> str:
    parts = [rng.choice(OPENERS)]
    for _ in range(rng.randint(2, 6)):
        parts.append(" ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 5))))
    chapters = rng.randint(4, 14)
    parts.append("\n".join(f"{i * 73 // 60:02d}:{i * 73 % 60:02d} Chapter {i + 1}" for i in range(chapters)))
    parts.append("GEAR I USE\n" + "\n".join(rng.sample(GEAR, rng.randint(3, len(GEAR)))))
    parts.append(rng.choice(CODES))
    parts.append("FOLLOW ME\n" + "\n".join(rng.sample(SOCIAL, rng.randint(2, len(SOCIAL)))))
    parts.append(rng.choice(DISCLAIMERS))
    parts.append(rng.choice(HASHTAGS))
    return "\n\n".join(part for part in parts if part)[:5_000]  # YouTube's limit


def make_descriptions(count: int, seed: int) -> list[dict[str, object]]:
    """`count` JSON-line requests: a description, YouTube, video, a random jurisdiction, connection unknown."""
    rng = random.Random(seed)
    jurisdictions = [j.value for j in Jurisdiction]
    return [
        {
            "id": index,
            "text": description(rng),
            "platform": "youtube",
            "format": "video",
            "jurisdiction": rng.choice(jurisdictions),
        }
        for index in range(count)
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=13)
    options = parser.parse_args()
    for line in make_descriptions(options.count, options.seed):
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
