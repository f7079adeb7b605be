FROM nginx:1.27 AS one
CMD ["nginx"]
FROM nginx:1.27
CMD ["nginx", "-g", "daemon off;"]
