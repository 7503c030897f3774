from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from auscult.demo.accounts import existing_accounts
from auscult.demo.progress import Phases
from auscult.demo.seed import SCALES, AlreadySeeded, SeedOptions, is_seeded, seed

# The sizes a --scale preset may set, each also an option of its own.
SIZES = ("articles", "authors", "issues", "members", "readers", "comments", "ratings")


class Command(BaseCommand):
    help = "Fill an empty database with a generated demo magazine and print the demo accounts."

    def add_arguments(self, parser):
        defaults = SeedOptions()
        parser.add_argument("--seed", type=int, default=defaults.seed, help="Same seed, same magazine.")
        parser.add_argument(
            "--scale",
            choices=sorted(SCALES),
            help="Named sizes: large is 20,000 articles, 1,000,000 comments, 50,000 readers and 500,000 ratings "
            "(medium a tenth of that); size options given as well override it.",
        )
        parser.add_argument("--articles", type=int, help=f"Default {defaults.articles}.")
        parser.add_argument("--authors", type=int, help=f"Default {defaults.authors}.")
        parser.add_argument("--issues", type=int, help=f"Monthly print issues. Default {defaults.issues}.")
        parser.add_argument("--members", type=int, help=f"Demo members who can sign in. Default {defaults.members}.")
        parser.add_argument(
            "--readers", type=int, help=f"Members who take part in the demo discussion. Default {defaults.readers}."
        )
        parser.add_argument(
            "--comments",
            type=int,
            help="Comments in all, written in bulk over every article (with replies, reports and moderation "
            "outcomes). Without this or --ratings: a small discussion under the newest articles.",
        )
        parser.add_argument(
            "--ratings", type=int, help="Ratings in all, written in bulk (at most one per reader per article)."
        )
        parser.add_argument("--no-index", action="store_true", help="Skip rebuilding the search index.")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing (successfully) when content already exists."
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even under production settings, creating staff accounts with the printed passwords.",
        )

    def handle(self, *args, **options):
        if options["if_empty"] and is_seeded():
            self.stdout.write("The database already has content; not seeding.")
            self.print_accounts(existing_accounts())
            return
        if settings.AUSCULT.get("PRODUCTION") and not options["allow_production"]:
            raise CommandError(
                "These are production settings: seed_demo would create an administrator and other staff "
                "accounts whose passwords are fixed and printed. Seed a local or staging database instead, "
                "or pass --allow-production if this deployment really is a demo."
            )
        sizes = {**SCALES.get(options["scale"], {}), **{k: options[k] for k in SIZES if options[k] is not None}}
        if any(sizes.get(k, 0) < 0 for k in SIZES):
            raise CommandError("Sizes cannot be negative.")
        seed_options = SeedOptions(seed=options["seed"], index=not options["no_index"], **sizes)
        if seed_options.authors < 1 and seed_options.articles > 0:
            raise CommandError("Articles need at least one author.")
        if (seed_options.comments or seed_options.ratings) and not (seed_options.articles and seed_options.readers):
            raise CommandError("Comments and ratings need articles and readers: give --articles and --readers.")
        if (seed_options.ratings or 0) > seed_options.articles * seed_options.readers:
            raise CommandError("There can be at most one rating per reader per article.")
        phases = Phases(show=options["verbosity"] >= 1)
        try:
            accounts = seed(seed_options, phases=phases)
        except AlreadySeeded as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Seeded {seed_options.articles} articles."))
        if seed_options.crowd:
            self.stdout.write(
                f"  {seed_options.comments or 0:,} comments, {seed_options.ratings or 0:,} ratings, "
                f"{seed_options.readers:,} readers."
            )
        if options["verbosity"] >= 1:
            self.print_times(phases.times)
        self.print_accounts(accounts)

    def print_times(self, times):
        self.stdout.write("Time per phase:")
        for name, seconds in times.items():
            self.stdout.write(f"  {name:<28} {seconds:8.1f} s")
        self.stdout.write(f"  {'total':<28} {sum(times.values()):8.1f} s")

    def print_accounts(self, accounts):
        if not accounts:
            return
        self.stdout.write("Demo accounts: sign in on the site with the e-mail address, in /admin/ with the username.")
        self.stdout.write(f"  {'role':<10} {'username':<10} {'e-mail':<28} {'password':<20} display name")
        for a in accounts:
            note = f"  ({a.note})" if a.note else ""
            self.stdout.write(f"  {a.role:<10} {a.username:<10} {a.email:<28} {a.password:<20} {a.display_name}{note}")
