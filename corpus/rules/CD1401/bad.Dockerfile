# Global ARG defaults resolve FROM variables.
ARG BASE=php:7.4-apache
ARG TAG=2.7
# End of life, by tag shape.
FROM python:3.8-slim AS py
FROM golang:1.20.5 AS go
FROM debian:buster-20240110 AS deb
FROM ubuntu:18.04 AS ubu
FROM centos:centos7 AS cent
# The distribution a language image is built on.
FROM python:3.12-slim-buster AS pybuster
FROM node:18-alpine3.17 AS node
# Through the ARG defaults: the whole reference, or the written tag.
FROM ${BASE} AS php
FROM ruby:${TAG} AS ruby
# Near the end of life (within eol-warning-days of today, 2025-06-01).
FROM mysql:9.3 AS mysql
# An internal image from the configuration.
FROM registry.example.com/base/jdk:11.0.22-slim
