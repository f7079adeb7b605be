FROM alpine:3.20
LABEL Maintainer="team@example.com"
LABEL com.docker.extension=x io.docker.x=1 org.dockerproject.y=2
LABEL My_label=1 my.label/X=2 a..b=3 a--b=4 trailing.=5 1abc=6
LABEL "with space"=7
