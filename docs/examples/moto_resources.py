"""A function and a queue in moto's server, for deploy() and ``lambda-esm ensure`` to map."""

from __future__ import annotations

import io
import json
import zipfile

import boto3

TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "lambda.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ],
}


def create_function_and_queue(endpoint_url: str, *, name: str) -> tuple[str, str]:
    """Create a role, a function and a queue named *name*; return the function and queue ARN."""
    aws = {
        "endpoint_url": endpoint_url,
        "region_name": "us-east-1",
        "aws_access_key_id": "testing",
        "aws_secret_access_key": "testing",
    }
    role = boto3.client("iam", **aws).create_role(
        RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST)
    )
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as archive:
        archive.writestr("handler.py", "def handle(event, context):\n    return event\n")
    boto3.client("lambda", **aws).create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=role["Role"]["Arn"],
        Handler="handler.handle",
        Code={"ZipFile": code.getvalue()},
    )
    sqs = boto3.client("sqs", **aws)
    queue_url = sqs.create_queue(QueueName=name)["QueueUrl"]
    attributes = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])
    return name, attributes["Attributes"]["QueueArn"]
