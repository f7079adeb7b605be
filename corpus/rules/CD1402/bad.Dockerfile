ARG JDK=openjdk:17-jdk-slim
FROM centos:7 AS legacy
FROM docker.io/library/java:8 AS older
FROM ${JDK} AS build
FROM jenkins:2.60.3
