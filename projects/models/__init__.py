"""The projects app's models, one module per subject; every name is imported from here."""

from projects.models.areas import (
    AreaScope,
    DevelopmentArea,
    ProjectDevelopmentArea,
    roman_numeral,
)
from projects.models.budget import (
    BudgetLine,
    BudgetLineExample,
    BudgetLineQuerySet,
    CostCategory,
    Expense,
    ExpenseExample,
)
from projects.models.choices import ProjectStatus
from projects.models.contacts import Contact, ContactRole
from projects.models.funding import (
    FunderReport,
    FunderReportKind,
    FunderReportQuerySet,
    FunderReportState,
    FunderRequest,
    FunderRequestAttachment,
    FunderRequestKind,
    FunderRequestQuerySet,
    FunderRequestStatus,
    GrantDecision,
    GrantDecisionQuerySet,
    Instalment,
    funder_request_path,
)
from projects.models.partners import Cooperation, PartnerRole, ProjectPartner
from projects.models.practices import (
    AdoptionExample,
    AdoptionState,
    EmbeddingPlan,
    EmbeddingPlanExample,
    EmbeddingStep,
    EmbeddingStepExample,
    Practice,
    PracticeAdoption,
    PracticeExample,
    PracticeQuerySet,
)
from projects.models.project_queries import PROGRAMME_FIGURES, ProjectQuerySet
from projects.models.project_sums import ProjectSums, RegionSums, StaleRegionSums
from projects.models.projects import Project, ProjectExample
from projects.models.sums import money_sum

__all__ = [
    "PROGRAMME_FIGURES",
    "AdoptionExample",
    "AdoptionState",
    "AreaScope",
    "BudgetLine",
    "BudgetLineExample",
    "BudgetLineQuerySet",
    "Contact",
    "ContactRole",
    "Cooperation",
    "CostCategory",
    "DevelopmentArea",
    "EmbeddingPlan",
    "EmbeddingPlanExample",
    "EmbeddingStep",
    "EmbeddingStepExample",
    "Expense",
    "ExpenseExample",
    "FunderReport",
    "FunderReportKind",
    "FunderReportQuerySet",
    "FunderReportState",
    "FunderRequest",
    "FunderRequestAttachment",
    "FunderRequestKind",
    "FunderRequestQuerySet",
    "FunderRequestStatus",
    "GrantDecision",
    "GrantDecisionQuerySet",
    "Instalment",
    "PartnerRole",
    "Practice",
    "PracticeAdoption",
    "PracticeExample",
    "PracticeQuerySet",
    "Project",
    "ProjectDevelopmentArea",
    "ProjectExample",
    "ProjectPartner",
    "ProjectQuerySet",
    "ProjectSums",
    "ProjectStatus",
    "RegionSums",
    "StaleRegionSums",
    "funder_request_path",
    "money_sum",
    "roman_numeral",
]
