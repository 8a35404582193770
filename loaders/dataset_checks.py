"""The dataset checks of a validation run: each file's dataset name, and ids that a stored
dataset (one the load keeps) already holds."""

from __future__ import annotations

from gkg.loaders.checks import ElementChecks
from gkg.loaders.datasets import NAME_PATTERN, NAME_RULE, Kept, default_name
from gkg.loaders.reader import KeyPath

#: The optional top-level key naming a file's dataset.
DATASET_KEY = "dataset"


class DatasetChecks(ElementChecks):
    """Dataset names and clashes with the stored datasets a load keeps (``kept``)."""

    kept: Kept | None = None
    dataset_files: dict[str, int]
    clashes: dict[tuple[int, str], list[tuple[KeyPath, str]]]

    def clash(self, file: int, keys: KeyPath, element_id: str, stored: str) -> None:
        """An id another stored dataset holds; reported per file and dataset by
        :meth:`report_clashes` (a whole file loaded again under a new name is one problem)."""
        self.clashes.setdefault((file, stored), []).append((keys, element_id))

    def report_clashes(self) -> None:
        advice = (
            "an element belongs to one dataset: refer to it without declaring it; or, to "
            "replace that dataset with this file, give the file its name with `dataset:`, or "
            "load with --replace"
        )
        for (file, stored), found in self.clashes.items():
            if len(found) <= 3:
                for keys, element_id in found:
                    message = f"{element_id!r} is already declared by {stored}; {advice}"
                    self.problem(file, keys, "id" if keys[-1] == "id" else "type", message)
                continue
            ids = ", ".join(repr(i) for _, i in found[:3])
            self.problem(
                file, found[0][0], "",
                f"{len(found)} ids ({ids}, ...) are already declared by {stored}; {advice}",
            )  # fmt: skip

    def dataset_name(self, index: int) -> str:
        """The file's ``dataset:`` name (checked, and unique among the files), else its path."""
        seed_file = self.files[index]
        declared = seed_file.data.get(DATASET_KEY)
        name = default_name(seed_file.path)
        if declared is not None:
            if isinstance(declared, str) and NAME_PATTERN.match(declared):
                name = declared
            else:
                self.problem(
                    index, (DATASET_KEY,), DATASET_KEY, f"expected {NAME_RULE}, got {declared!r}"
                )
        first = self.dataset_files.setdefault(name, index)
        if first != index:
            self.problem(
                index, (DATASET_KEY,), DATASET_KEY,
                f"dataset {name!r} is also {self.files[first].path}; load it from one file",
            )  # fmt: skip
        return name
