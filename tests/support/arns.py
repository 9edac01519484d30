"""ARNs of event sources and a function, in the fake's default account and region."""

QUEUE = "arn:aws:sqs:us-east-1:123456789012:orders"
FIFO_QUEUE = "arn:aws:sqs:us-east-1:123456789012:orders.fifo"
STREAM = "arn:aws:kinesis:us-east-1:123456789012:stream/clicks"
TABLE_STREAM = "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024-01-01T00:00:00.000"
MQ = "arn:aws:mq:us-east-1:123456789012:broker:b:b-1234"
FN_ARN = "arn:aws:lambda:us-east-1:123456789012:function:fn"
