FROM quay.io/centos/centos:stream9 AS base
FROM openjdk:24-ea-jdk AS early
FROM eclipse-temurin:17-jdk AS build
FROM mycorp/centos:7
FROM jenkins/jenkins:lts
