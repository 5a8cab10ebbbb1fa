"""The Dagster code location (workspace.yaml): ``pipelines.definitions``.

Environment (read here and nowhere else in ``pipelines``): ``PARPLAN_DB`` (warehouse
file), ``PARPLAN_INBOX`` (where submissions land), ``PARPLAN_REFERENCE``
(reference folder; default: the repository's ``reference/``), ``PARPLAN_REPORTS`` (where
the attainment reports are written; default: ``reports/`` beside the warehouse file),
``PARPLAN_PDF_MEMORY_MB`` and ``PARPLAN_PDF_SECONDS`` (what parsing one PDF may take),
``PARPLAN_PROVINCE`` (the province of metric rows that name none, as for ``parplan
ingest``), ``PARPLAN_QUIET_SECONDS`` (how long an inbox file must stay unchanged before it
loads). Runs use the in-process
executor: the graph is small and every write takes its turn on one DuckDB file;
``rebuild_models_multiprocess`` shows the distributed path.
"""

import os

import dagster as dg

from extractors.read_any import PdfLimits
from extractors.reference import BUNDLED
from pipelines.assets import all_assets
from pipelines.checks import all_checks
from pipelines.jobs import ingest_job, rebuild_job, rebuild_job_multiprocess
from pipelines.reports import attainment_reports, report_job, report_sensor
from pipelines.resources import SubmissionFolders, WarehouseResource
from pipelines.schedules import nightly_rebuild
from pipelines.sensors import inbox_sensor

defs = dg.Definitions(
    assets=[*all_assets, attainment_reports],
    asset_checks=all_checks,
    jobs=[ingest_job, rebuild_job, rebuild_job_multiprocess, report_job],
    sensors=[inbox_sensor, report_sensor],
    schedules=[nightly_rebuild],
    resources={
        "warehouse": WarehouseResource(
            db_path=dg.EnvVar("PARPLAN_DB"),
            reference=os.environ.get("PARPLAN_REFERENCE") or str(BUNDLED),
            pdf_memory_mb=int(
                os.environ.get("PARPLAN_PDF_MEMORY_MB", PdfLimits.memory_bytes // 2**20)
            ),
            pdf_seconds=float(os.environ.get("PARPLAN_PDF_SECONDS", PdfLimits.seconds)),
            reports_dir=os.environ.get("PARPLAN_REPORTS", ""),
            province=os.environ.get("PARPLAN_PROVINCE", ""),
        ),
        "folders": SubmissionFolders(
            inbox=dg.EnvVar("PARPLAN_INBOX"),
            quiet_seconds=float(os.environ.get("PARPLAN_QUIET_SECONDS", 60)),
        ),
        "progress": dg.ResourceDefinition.none_resource(),
    },
    executor=dg.in_process_executor,
)


def multiprocess_rebuild_job() -> dg.JobDefinition:
    """For ``dg.reconstructable``: the multiprocess job resolved against ``defs``."""
    return defs.resolve_job_def("rebuild_models_multiprocess")
