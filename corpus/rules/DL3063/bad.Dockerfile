FROM alpine:3.20 AS scratch
FROM alpine:3.20 AS context
FROM alpine:3.20 AS Scratch
