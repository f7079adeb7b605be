FROM node:latest
ARG TAG=latest
FROM python:${TAG}
