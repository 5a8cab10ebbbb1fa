"""``dbt build`` of sql/ inside the run's own process, its results turned into the Dagster
events dagster-dbt streams from a dbt process of its own: an Output per model built, an
asset check result per dbt test. A process of its own imports dbt and reads the project
again on every run before it builds anything; in the run's process dbt is already imported
(dagster-dbt's definitions need it) and its parsed project stays warm.

What dagster-dbt decides stays its own: which models and tests a subset of the assets
selects, and how a dbt result becomes an event.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt.asset_utils import get_updated_cli_invocation_params_for_context
from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage
from dagster_dbt.dagster_dbt_translator import DagsterDbtTranslator
from dbt_common.events.functions import msg_to_dict

from pipelines.dbt_project import DbtError, run_dbt

# dbt's structured-log events that carry one node's result (what dagster-dbt turns into events)
RESULT_EVENTS = frozenset({"LogModelResult", "LogTestResult", "LogSeedResult", "LogSnapshotResult"})


def dbt_build(context: dg.AssetExecutionContext, db_file: Path, target_dir: Path) -> Iterator[Any]:
    """Build the step's models and run their tests on ``db_file``; yield each model's Output
    and each test's check result (those that ran, even when others failed), then raise
    ``dg.Failure`` with dbt's message naming what failed."""
    # the manifest and translator come from the dbt assets' definition (the context's)
    params = get_updated_cli_invocation_params_for_context(context, {}, DagsterDbtTranslator())
    args = ["build", *params.selection_args]  # all models, or the subset the run selected
    if params.indirect_selection:  # the tests the run's asset checks select
        args += ["--indirect-selection", params.indirect_selection]
    results: list[dict[str, Any]] = []

    def keep(msg: Any) -> None:
        if msg.info.name in RESULT_EVENTS:
            results.append(msg_to_dict(msg))

    failure: DbtError | None = None
    try:
        run_dbt(args, db_file, target_dir, callbacks=[keep])
    except DbtError as exc:
        failure = exc
    for raw in results:
        event = DbtCoreCliEventMessage(raw_event=raw, event_history_metadata={})
        yield from event.to_default_asset_events(
            manifest=params.manifest,
            dagster_dbt_translator=params.dagster_dbt_translator,
            context=context,
            target_path=target_dir,
        )
    if failure is not None:
        raise dg.Failure(str(failure))
