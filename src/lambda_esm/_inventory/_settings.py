"""How an inventory runs: its rate budget, concurrency, retries and endpoints."""

from __future__ import annotations

from attrs import field, frozen, validators

from lambda_esm._wire._retry_policy import RetryPolicy

__all__ = ["InventorySettings"]


def _positive(_instance: object, attribute: object, value: float) -> None:
    if not value > 0:
        raise ValueError(f"{getattr(attribute, 'name', 'value')} must be positive, not {value!r}")


@frozen(kw_only=True)
class InventorySettings:
    """The configuration of an :class:`Inventory`.

    Attributes:
        rate: Requests per second to each (account, region), with a burst of one second's
            worth; Lambda's control plane allows about 15.
        concurrency: Targets listed at once, over all accounts and regions.
        retry: The retry policy of every request; throttling that the budget did not prevent
            is retried with it.
        page_size: Mappings per request (Lambda sends at most 100); Lambda's default when None.
        function_rate: GetFunction requests per second to each (account, region), a deep
            audit's (``context=True``); Lambda's quota table allows 100, apart from ``rate``.
        sqs_rate: SQS GetQueueAttributes requests per second to each (account, region).
        kinesis_rate: Kinesis DescribeStreamSummary requests per second to each (account,
            region); Kinesis allows 20 per account.
        endpoint_url: One endpoint for Lambda, STS, EC2, SQS and Kinesis, such as a fake
            server or moto; botocore's per-region endpoints when None.
        sts_region: The region whose STS endpoint assumes roles and whose EC2 endpoint lists
            an account's enabled regions.
        role_session_name: The RoleSessionName of every AssumeRole, as CloudTrail shows it.
        external_id: The ExternalId AssumeRole passes, for roles that require one.
        allow_unknown_regions: Accept a region that no partition of botocore's endpoints
            data has, such as one that opened after this botocore was released; by default
            it is refused as a likely typo.
    """

    rate: float = field(default=15.0, validator=_positive)
    concurrency: int = field(default=64, validator=validators.ge(1))
    retry: RetryPolicy = field(factory=RetryPolicy)
    page_size: int | None = field(default=None, validator=validators.optional(validators.ge(1)))
    function_rate: float = field(default=100.0, validator=_positive)
    sqs_rate: float = field(default=100.0, validator=_positive)
    kinesis_rate: float = field(default=20.0, validator=_positive)
    endpoint_url: str | None = None
    sts_region: str = "us-east-1"
    role_session_name: str = "lambda-esm-inventory"
    external_id: str | None = None
    allow_unknown_regions: bool = False
