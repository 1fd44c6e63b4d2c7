"""Problems found in a questionnaire file, and the collector the validators report into."""

from dataclasses import dataclass, field

TOP = "-"  # stands for "no question" in a problem's question_id


@dataclass(frozen=True)
class Problem:
    """One mistake in a questionnaire file: where it is and what is wrong."""

    file: str
    question_id: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.question_id}: {self.field}: {self.message}"


class QuestionnaireError(ValueError):
    """A questionnaire file could not be loaded; carries every problem found in it."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Collector:
    """Gathers problems for one file while the validators walk it.

    `question` and `prefix` are set by the walker so that a validator deep in a question
    reports the question id and a field path relative to the question.
    """

    file: str
    problems: list[Problem] = field(default_factory=list)
    question: str = TOP
    prefix: str = ""

    def add(self, path: str, message: str) -> None:
        """Record a problem at `path` (relative to the current prefix)."""
        full = f"{self.prefix}.{path}" if self.prefix and path else (self.prefix or path)
        problem = Problem(self.file, self.question, full or "-", message)
        # A field reported missing needs no second message about its (absent) value.
        missing = Problem(self.file, self.question, problem.field, "missing")
        if missing not in self.problems:
            self.problems.append(problem)

    def at(self, question: str, prefix: str = "") -> "Collector":
        """A collector for the same file positioned at another question and field prefix."""
        return Collector(self.file, self.problems, question, prefix)
